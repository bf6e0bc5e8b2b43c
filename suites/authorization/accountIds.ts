// An account named by its id in a request, changed to another account's id: the way someone edits
// an id in a URL or a form to reach another customer's data. Only whole values equal to the id
// change (a path segment, a query value, a field value), never digits inside another value.

/** `value` changed to `to` when it is exactly `from`; undefined when it is anything else. */
export function swappedId(value: string, from: number, to: number): string | undefined {
  return value === String(from) ? String(to) : undefined;
}

/** `href` with its path segments and query values equal to `from` changed to `to`; undefined when none is. */
export function withAccountId(href: string, from: number, to: number): string | undefined {
  const url = new URL(href);
  let changed = false;
  const swap = (value: string): string => {
    const swapped = swappedId(value, from, to);
    if (swapped === undefined) return value;
    changed = true;
    return swapped;
  };
  url.pathname = url.pathname.split('/').map(swap).join('/');
  for (const [name, value] of [...url.searchParams]) url.searchParams.set(name, swap(value));
  return changed ? url.href : undefined;
}
