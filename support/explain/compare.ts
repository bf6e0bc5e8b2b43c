// How two identifiers differ, in the words support uses on the phone: the classic mismatches
// are letter case, a trailing slash, http vs https, or another host / tenant altogether.

export function differenceHint(seen: string, expected: string): string {
  if (seen.toLowerCase() === expected.toLowerCase()) return 'they differ only in letter case (the comparison is case-sensitive)';
  const trim = (value: string): string => value.replace(/\/+$/, '');
  if (trim(seen) === trim(expected))
    return `they differ only by a trailing slash (${seen.endsWith('/') ? 'the first has one' : 'the second has one'})`;
  const scheme = (value: string): string => value.replace(/^https?:\/\//i, '');
  if (scheme(seen) === scheme(expected)) return `they differ only in the scheme (${seen.split(':')[0]} vs ${expected.split(':')[0]})`;
  const seenUrl = asUrl(seen);
  const expectedUrl = asUrl(expected);
  if (seenUrl && expectedUrl) {
    if (seenUrl.host !== expectedUrl.host) return `they point at different hosts (${seenUrl.host} vs ${expectedUrl.host})`;
    return `same host, different path (${seenUrl.pathname} vs ${expectedUrl.pathname})`;
  }
  return 'they are different values';
}

function asUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

export const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;

export function isEmail(value: string | undefined): boolean {
  return value !== undefined && EMAIL.test(value);
}

/** `2026-01-01T10:00:00Z` → a Date, or undefined when absent or not a date. */
export function instant(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** "3 min 20 s" style durations for time-window findings. */
export function duration(seconds: number): string {
  const abs = Math.abs(Math.round(seconds));
  if (abs < 60) return `${abs} s`;
  if (abs < 3600) return `${Math.floor(abs / 60)} min${abs % 60 ? ` ${abs % 60} s` : ''}`;
  if (abs < 172_800) return `${Math.floor(abs / 3600)} h${Math.floor((abs % 3600) / 60) ? ` ${Math.floor((abs % 3600) / 60)} min` : ''}`;
  return `${Math.floor(abs / 86_400)} days`;
}
