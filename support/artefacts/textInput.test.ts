import { describe, expect, it } from 'vitest';
import { SupportInputError } from './errors.ts';
import { readTextInput } from './textInput.ts';

const TEXT = 'PHNhbWxwOlJlc3BvbnNlLz4=';

describe('readTextInput', () => {
  it('reads UTF-8, with or without a byte order mark, without a note', () => {
    expect(readTextInput(Buffer.from(TEXT))).toEqual({ text: TEXT });
    expect(readTextInput(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)])).text).toBe(`\uFEFF${TEXT}`);
  });

  it.each([
    ['UTF-16 LE with a BOM (PowerShell >)', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]), 'UTF-16 LE'],
    ['UTF-16 BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(TEXT, 'utf16le').swap16()]), 'UTF-16 BE'],
    ['UTF-16 LE without a BOM', Buffer.from(TEXT, 'utf16le'), 'UTF-16 LE'],
    ['UTF-16 BE without a BOM', Buffer.from(TEXT, 'utf16le').swap16(), 'UTF-16 BE'],
  ])('reads %s and names the encoding', (_what, bytes, encoding) => {
    const read = readTextInput(bytes);
    expect(read.text).toBe(TEXT);
    expect(read.note).toContain(encoding);
  });

  it.each([
    ['random bytes', Buffer.from(Array.from({ length: 256 }, (_, index) => (index * 97 + 13) % 256)), 'binary data (256 bytes'],
    ['a PNG screenshot', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'a PNG image'],
    ['a ZIP (.saz) file', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'a ZIP archive'],
  ])('refuses %s, saying what it is', (_what, bytes, words) => {
    expect(() => readTextInput(bytes)).toThrow(SupportInputError);
    expect(() => readTextInput(bytes)).toThrow(words);
  });
});
