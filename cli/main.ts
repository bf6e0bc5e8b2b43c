// `sso-harness` command dispatcher. Each command lives in cli/commands/<file>.ts and exports
// `run(args: string[]): Promise<number>` (the exit code) and `help: string`.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface CommandModule {
  run(args: string[]): Promise<number>;
  help: string;
}

interface CommandEntry {
  readonly summary: string;
  readonly file: string;
}

/** Every command, in the order `--help` lists them. */
export const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  certify: { summary: 'run the certification (lifecycle, entry points, fault catalog) and write reports/', file: 'certify.ts' },
  report: { summary: "serve the last run's reports on loopback (the Allure report needs HTTP) and print their URLs", file: 'report.ts' },
  'portal serve': { summary: 'start the reference OE admin portal on loopback and print a demo account', file: 'portalServe.ts' },
  demo: {
    summary: 'try SSO by hand: the reference portal and the mock IdPs wired together, with logins and test passwords',
    file: 'demo.ts',
  },
  'idp serve': { summary: 'start the mock IdPs (all eight personas) on loopback and print their URLs', file: 'idpServe.ts' },
  personas: { summary: 'list the IdP personas (vendor x protocol) and their shapes', file: 'personas.ts' },
  faults: { summary: 'list the fault catalog', file: 'faults.ts' },
  mint: { summary: 'mint a SAMLResponse or an ID token as a persona would send it (offline)', file: 'mint.ts' },
  repro: { summary: 'reproduce a customer misconfiguration against the reference portal', file: 'repro.ts' },
  explain: { summary: 'diagnose a captured SAMLResponse, JWT or HAR file', file: 'explain.ts' },
};

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, entry]) => `  ${name.padEnd(width)}  ${entry.summary}`);
  return `Usage: sso-harness <command> [options]\n       sso-harness --version\n\nCommands:\n${lines.join('\n')}\n\nRun \`sso-harness <command> --help\` for a command's options and examples.\n`;
}

/** `sso-harness --version`: the harness version (package.json) and the Node it runs on. */
export function versionLine(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
  return `sso-harness ${pkg.version ?? '0.0.0'} (Node.js ${process.version})\n`;
}

/** Find the longest registered command name that prefixes the arguments. */
function resolve(args: readonly string[]): { name: string; rest: string[] } | undefined {
  for (const words of [2, 1]) {
    const name = args.slice(0, words).join(' ');
    if (Object.hasOwn(COMMANDS, name)) return { name, rest: args.slice(words) };
  }
  return undefined;
}

export async function main(args: string[]): Promise<number> {
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    process.stdout.write(usage());
    return args.length === 0 ? 2 : 0;
  }
  if (args[0] === '--version' || args[0] === '-V' || args[0] === 'version') {
    process.stdout.write(versionLine());
    return 0;
  }
  const found = resolve(args);
  if (!found) {
    process.stderr.write(`sso-harness: unknown command "${args.join(' ')}".\n\n${usage()}`);
    return 2;
  }
  const entry = COMMANDS[found.name]!;
  const path = fileURLToPath(new URL(`./commands/${entry.file}`, import.meta.url));
  if (!existsSync(path)) {
    process.stderr.write(`sso-harness: "${found.name}" is not available in this version of the harness yet.\n`);
    return 2;
  }
  const command = (await import(path)) as CommandModule;
  if (found.rest.includes('--help') || found.rest.includes('-h')) {
    process.stdout.write(command.help.endsWith('\n') ? command.help : `${command.help}\n`);
    return 0;
  }
  return command.run(found.rest);
}
