import { describe, expect, it } from 'vitest';
import { seatAuditKindIn } from '../../driver/pages/ssoSection.ts';
import type { HttpPage } from '../../../lib/index.ts';
import { errorShown, invalidFieldLabels, withRole } from './portalOverHttp.ts';

const page = (status: number, html: string): HttpPage => ({ url: 'http://127.0.0.1:1/x', status, headers: {}, html });

describe('errorShown: what any portal shows a refused person', () => {
  it.each<[string, HttpPage, boolean]>([
    ['a 403 page', page(403, '<h1>No</h1>'), true],
    ['a 200 page with role=alert', page(200, '<section class="problem" role="alert"><p>No.</p></section>'), true],
    ["a 200 page with ROLE='alert'", page(200, "<div ROLE='alert'>No.</div>"), true],
    ['a 200 page without an alert', page(200, '<p role="status">Welcome</p><p>alert</p>'), false],
    ['a 500 page', page(500, 'Internal error'), false],
  ])('%s → %s', (_case, answer, shown) => {
    expect(errorShown(answer)).toBe(shown);
  });
});

describe("seatAuditKindIn: the harness kind of a seat audit finding in the target's words", () => {
  const words = new Map([
    ['Doubled address', 'duplicate-email'],
    ['Doubled', 'x-never'],
    ['Not in directory', 'missing-from-idp'],
  ]);

  it('matches whole words, longest first', () => {
    expect(seatAuditKindIn('Must fix: Doubled address ann@x.example is used by 2 seats', words)).toBe('duplicate-email');
    expect(seatAuditKindIn('Not in directory: gus@x.example', words)).toBe('missing-from-idp');
  });

  it('finds nothing in other words, or without a vocabulary', () => {
    expect(seatAuditKindIn('Undoubledness ann@x.example', words)).toBeUndefined();
    expect(seatAuditKindIn('Doubled address', undefined)).toBeUndefined();
  });
});

describe('withRole: what a page shows in elements of an ARIA role', () => {
  it("reads each element's visible text, nested elements of the same name included", () => {
    const html =
      '<main><div role="note"><div><p>Certificate expired</p></div><ul><li>since 2026-01-01</li></ul></div><p role="status">ok</p><section role=\'note\'>Second</section></main>';
    expect(withRole(html, 'note')).toEqual(['Certificate expired since 2026-01-01', 'Second']);
    expect(withRole(html, 'alert')).toEqual([]);
  });
});

describe('invalidFieldLabels: the fields a refused form marks invalid', () => {
  it('names each aria-invalid field by its label, or by its name when it has none', () => {
    const html =
      '<label for="iss">Authority URL</label><input id="iss" name="authority" aria-invalid="true"><label for="cid">Client</label><input id="cid" name="client"><select name="vendor" aria-invalid="true"></select>';
    expect(invalidFieldLabels(html)).toEqual(['Authority URL', 'vendor']);
  });
});
