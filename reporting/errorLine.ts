// What the reports and the progress lines show of a failure: the message of a Playwright error
// up to its call log or stack (colours removed), on one line, bounded.
import { stripVTControlCharacters } from 'node:util';

export const MAX_ERROR_LINE = 400;
const MAX_LINES = 4;

export function errorLine(error: { readonly message?: string; readonly value?: string } | undefined): string | undefined {
  const lines: string[] = [];
  for (const raw of stripVTControlCharacters(error?.message ?? error?.value ?? '').split('\n')) {
    const line = raw.trim();
    if (/^(Call log:|at )/.test(line) || lines.length === MAX_LINES) break;
    if (line) lines.push(line);
  }
  const text = lines.join(' — ');
  if (text === '') return undefined;
  return text.length > MAX_ERROR_LINE ? `${text.slice(0, MAX_ERROR_LINE - 1)}…` : text;
}
