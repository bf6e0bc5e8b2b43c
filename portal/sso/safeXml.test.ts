import { describe, expect, it } from 'vitest';
import { hasDoctype, parseUntrustedXml, textOf } from './safeXml.ts';

describe('parseUntrustedXml', () => {
  it.each<[string, string, { ok: false; problem: string; detail: string }]>([
    ['a DOCTYPE', '<!DOCTYPE a><a/>', { ok: false, problem: 'doctype', detail: 'the document contains a DOCTYPE or ENTITY declaration' }],
    [
      'an ENTITY declaration hidden in whitespace',
      '<! ENTITY x "y"><a/>',
      { ok: false, problem: 'doctype', detail: 'the document contains a DOCTYPE or ENTITY declaration' },
    ],
    [
      'mismatched tags',
      '<a><b></a>',
      { ok: false, problem: 'malformed', detail: 'it is not well-formed XML: Opening and ending tag mismatch: "b" != "a"' },
    ],
    [
      'an unbound prefix',
      '<x:a/>',
      {
        ok: false,
        problem: 'malformed',
        detail: 'it is not well-formed XML: Error constructing the DOM: NamespaceError: prefix is non-null and namespace is null',
      },
    ],
    [
      '100 000 nested elements',
      `${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`,
      { ok: false, problem: 'malformed', detail: 'it nests elements 65 levels deep (limit 64)' },
    ],
  ])('refuses %s', (_name, xml, expected) => {
    expect(parseUntrustedXml(xml)).toEqual(expected);
  });

  it('reads text across comments as one value (NameID comment injection)', () => {
    const parsed = parseUntrustedXml('<n>alice@corp.example<!---->.evil.test</n>');
    expect(parsed.ok && textOf(parsed.doc.documentElement)).toBe('alice@corp.example.evil.test');
  });

  it('detects DOCTYPE in any case', () => {
    expect([hasDoctype('<!doctype x>'), hasDoctype('<a>doctype</a>')]).toEqual([true, false]);
  });
});
