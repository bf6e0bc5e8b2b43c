import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NAME_DOCS, REFERENCE_NAMES, UnknownNameError, namesWith } from './names.ts';

describe('accessible names', () => {
  it("are all documented in the README target section, with the reference portal's words", () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', '..', 'README.md'), 'utf8');
    for (const [key, doc] of Object.entries(NAME_DOCS)) expect(readme, key).toContain(`| \`${key}\` | ${doc.reference} | ${doc.where} |`);
  });

  it("take the target file's words over the reference ones", () => {
    expect(namesWith({ emailLabel: 'Work email' })).toEqual({ ...REFERENCE_NAMES, emailLabel: 'Work email' });
  });

  it('refuse names the driver does not use', () => {
    expect(() => namesWith({ emailField: 'Email' })).toThrow(UnknownNameError);
  });
});
