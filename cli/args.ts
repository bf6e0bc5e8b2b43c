// Option parsing for the commands: node:util parseArgs, with errors a person can act on.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandArgs<T extends Options>(command: string, args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    const known = Object.keys(options)
      .map((name) => `--${name}`)
      .join(', ');
    throw new UsageError(
      `sso-harness ${command}: ${(error as Error).message}. Known options: ${known || '(none)'}. See \`sso-harness ${command} --help\`.`,
    );
  }
}

/** Parse a --port value: an integer 0..65535 (0 = a free port). */
export function parsePort(command: string, value: string | undefined, fallback = 0): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`sso-harness ${command}: --port must be a whole number from 0 to 65535 (0 picks a free port), not "${value}".`);
  }
  return port;
}

/** Run a command body, turning UsageError into exit code 2 with its message. */
export async function runCommand(body: () => number | Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
