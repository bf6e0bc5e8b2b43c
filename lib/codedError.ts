// The project's error family: an error with a stable code (kebab-case) that programs branch on and
// tests assert, and a message that says what to change for the person reading it. Codes are part
// of the interface (JSON output, control API answers); messages may be reworded.
export class CodedError<Code extends string> extends Error {
  readonly code: Code;

  constructor(code: Code, message: string) {
    super(message);
    this.code = code;
    this.name = new.target.name;
  }
}
