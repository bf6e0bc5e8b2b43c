import { describe, expect, it } from 'vitest';
import { CodedError } from './codedError.ts';

class ExampleError extends CodedError<'bad-thing' | 'other-thing'> {}

describe('CodedError', () => {
  it('keeps its code and message, and is named after its class', () => {
    const error = new ExampleError('bad-thing', 'Change the thing.');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(CodedError);
    expect({ code: error.code, message: error.message, name: error.name }).toEqual({
      code: 'bad-thing',
      message: 'Change the thing.',
      name: 'ExampleError',
    });
  });
});
