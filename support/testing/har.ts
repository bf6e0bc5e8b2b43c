// Test-only HAR 1.2 documents as Chrome's DevTools saves them, with the credentials a real
// capture carries (session cookies, Authorization headers, a login password).
export interface HarEntrySpec {
  method?: string;
  url: string;
  form?: Record<string, string>;
  requestHeaders?: Record<string, string>;
  cookies?: Record<string, string>;
  responseJson?: unknown;
  responseHtml?: string;
  status?: number;
  startedDateTime?: string;
}

export function harEntry(spec: HarEntrySpec): unknown {
  const form = spec.form ? new URLSearchParams(spec.form).toString() : undefined;
  const body = spec.responseJson === undefined ? spec.responseHtml : JSON.stringify(spec.responseJson);
  return {
    startedDateTime: spec.startedDateTime ?? '2026-03-02T09:00:30.000Z',
    request: {
      method: spec.method ?? (form ? 'POST' : 'GET'),
      url: spec.url,
      headers: Object.entries(spec.requestHeaders ?? {}).map(([name, value]) => ({ name, value })),
      cookies: Object.entries(spec.cookies ?? {}).map(([name, value]) => ({ name, value })),
      ...(form
        ? {
            postData: {
              mimeType: 'application/x-www-form-urlencoded',
              text: form,
              params: Object.entries(spec.form!).map(([name, value]) => ({ name, value: encodeURIComponent(value) })),
            },
          }
        : {}),
    },
    response: {
      status: spec.status ?? 200,
      headers: [],
      content:
        body === undefined
          ? { size: 0 }
          : { size: body.length, mimeType: spec.responseJson === undefined ? 'text/html' : 'application/json', text: body },
    },
  };
}

export function har(...entries: HarEntrySpec[]): string {
  return JSON.stringify(
    { log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, entries: entries.map(harEntry) } },
    null,
    2,
  );
}
