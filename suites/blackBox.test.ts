// The suites reach the portal only through the target: no suite names a portal path, cookie,
// header, markup hook or native client of the reference portal. Its specifics live in
// suites/driver/reference/ (default names and declared capabilities) — and a real OE's in its target
// file. Library tests (*.test.ts) may use such strings as data.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SUITES = import.meta.dirname;
const ALLOWED = [join(SUITES, 'driver', 'reference')];

/** The reference portal's own words a black-box suite must not know (portal/README.md). */
const REFERENCE_SPECIFICS: readonly (readonly [string, RegExp])[] = [
  ['a portal path', /['"`](?:https?:\/\/[^'"`]*)?\/(?:login|home|account|support|logout|oauth|api|sso)(?:[/?'"`]|$)/],
  ['a reference cookie', /\boe_(?:session|support|browser|pending)\b/],
  ['the reason header', /x-oe-reason/i],
  ['a reference markup hook', /data-reason|signed-in-as|sso-status|test-sso-result|seat-audit-summary|error-summary/],
  ['a reference native client', /\boe-(?:desktop|mobile)\b|com\.ooma\.enterprise/],
  ['a reference query parameter', /['"`]return_to['"`]|[?&]return_to=/],
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (ALLOWED.includes(path)) return [];
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('black box: the suites know the portal only through the target', () => {
  const files = sources(SUITES);

  it('scans the suites', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it.each(REFERENCE_SPECIFICS)('no suite source names %s of the reference portal', (_what, pattern) => {
    const hits = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, index) => ({ line, index }))
        // Comments may explain what is avoided; code may not use it.
        .filter(({ line }) => pattern.test(line) && !/^\s*(\/\/|\*|\/\*)/.test(line))
        .map(({ line, index }) => `${relative(SUITES, file)}:${index + 1}: ${line.trim()}`),
    );
    expect(hits).toEqual([]);
  });
});
