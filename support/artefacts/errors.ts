// Errors a support engineer can meet when feeding the tools a file: each says what the input is
// not, why, and what to pass instead. The CLI prints the message and exits 2; never a stack trace.
import { CodedError } from '../../lib/index.ts';

export type InputErrorKind = 'not-an-artefact' | 'config-invalid' | 'customer-file-invalid' | 'unreadable';

export class SupportInputError extends CodedError<InputErrorKind> {}

/** "this is not a SAMLResponse/JWT/HAR because …" with the reasons found for each shape. */
export function notAnArtefact(because: string): SupportInputError {
  return new SupportInputError('not-an-artefact', `This is not a SAMLResponse, JWT (ID token) or HAR file because ${because}`);
}

/**
 * A JSON syntax error without the input snippet Node puts in its message (the snippet could
 * carry a cookie or a secret from a broken HAR): keep only where it went wrong.
 */
export function jsonSyntaxProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)(?: \(line (\d+) column (\d+)\))?/.exec(message);
  if (position?.[2] !== undefined) return `JSON syntax error at line ${position[2]}, column ${position[3]}`;
  if (position) return `JSON syntax error at character ${position[1]}`;
  if (/Unexpected end of JSON input/.test(message)) return 'the JSON ends too early (truncated file?)';
  return 'JSON syntax error';
}
