// `sso-harness portal serve`: the reference OE admin portal on loopback, with a demo account —
// in its own skin, or (--foreign) dressed as a portal written by another team.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PortInUseError } from '../../lib/index.ts';
import { createPortal, type Portal, seedDemoAccount, type DemoCredentials, parseDefects, spEndpointsFor } from '../../portal/index.ts';
import { UsageError, parseCommandArgs, parsePort, runCommand } from '../args.ts';
import { untilStopSignal } from '../stopSignals.ts';

export const help = `Usage: sso-harness portal serve [--port N] [--data-dir DIR] [--harness-token TOKEN] [--defect ID]... [--foreign]

Start the reference OE admin portal on 127.0.0.1, seed a demo account (an admin, a user and an
Ooma support login, with fresh passwords) and print the logins and URLs. Stops on Ctrl-C.

Options:
  --port N               port to listen on (default 0: a free port)
  --data-dir DIR         keep the portal's SQLite data in DIR and re-use it on the next start
                         (default: a fresh temporary directory, removed when the portal stops);
                         on re-use the demo passwords are reset and printed again
  --harness-token TOKEN  enable the /_harness provisioning API with this Bearer token
                         (at least 16 characters; also read from SSO_HARNESS_PORTAL_TOKEN)
  --defect ID            turn a defect switch on (repeatable; harness self-tests only)
  --foreign              serve the foreign skin: the same portal (engine, checks, defect switches)
                         with another team's paths, words, markup, cookie names, refusal pages (no
                         reason codes), audit words and native-app client ids; the printed URLs are
                         its own. Its target file words: portal/foreign/target.partial.json

Examples:
  sso-harness portal serve --port 8080 --data-dir .data/portal
  sso-harness portal serve --foreign --harness-token "$(openssl rand -hex 24)"
`;

function describe(
  portal: Portal,
  demo: DemoCredentials,
  dataDir: string,
  temporary: boolean,
  harness: boolean,
  defects: readonly string[],
): string {
  const { paths } = portal.skin;
  const sp = spEndpointsFor(portal.url, demo.accountId, paths.sp);
  const rows: [string, string][] = [
    ['Log in', `${portal.url}${paths.login}`],
    ['Account parameters', `${portal.url}${paths.settings}`],
    ['Support console', `${portal.url}${paths.support}`],
    ['SP entity ID', sp.entityId],
    ['ACS URL', sp.acsUrl],
    ['SP metadata', sp.metadataUrl],
    ['OIDC redirect URI', sp.oidcRedirectUri],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const foreign = portal.skin.name === 'foreign';
  return [
    `Reference OE admin portal listening on ${portal.url}`,
    ...(foreign
      ? ["Skin: foreign (another team's paths, words and cookies; target file words in portal/foreign/target.partial.json)"]
      : []),
    `Data directory: ${dataDir}${temporary ? ' (temporary: removed when the portal stops)' : ' (kept)'}`,
    '',
    `Demo account "Demo Company" (ID ${demo.accountId})${demo.reused ? ', re-used: passwords reset' : ''}:`,
    `  admin    ${demo.admin.email.padEnd(22)} password: ${demo.admin.password}`,
    `  user     ${demo.user.email.padEnd(22)} password: ${demo.user.password}`,
    `  support  ${demo.support.email.padEnd(22)} password: ${demo.support.password}   (at ${paths.support})`,
    '',
    ...rows.map(([label, url]) => `  ${label.padEnd(width)}  ${url}`),
    '',
    `Harness API: ${harness ? 'enabled at /_harness (Bearer token as given)' : 'off (start with --harness-token to enable)'}`,
    `Defect switches: ${defects.length > 0 ? defects.join(', ') : 'none'}`,
    '',
    'Press Ctrl-C to stop.',
    '',
  ].join('\n');
}

export async function run(args: string[]): Promise<number> {
  return runCommand(async () => {
    const { values } = parseCommandArgs('portal serve', args, {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'harness-token': { type: 'string' },
      defect: { type: 'string', multiple: true },
      foreign: { type: 'boolean' },
    });
    const port = parsePort('portal serve', values.port, 0);
    const defects = values.defect ?? [];
    try {
      parseDefects(defects);
    } catch (error) {
      throw new UsageError(`sso-harness portal serve: ${(error as Error).message}`);
    }
    const harnessToken = values['harness-token'] ?? (process.env['SSO_HARNESS_PORTAL_TOKEN'] || undefined);
    if (harnessToken !== undefined && harnessToken.length < 16) {
      throw new UsageError('sso-harness portal serve: --harness-token must be at least 16 characters (it guards the provisioning API).');
    }
    // Listen for Ctrl-C before anything starts, so a stop request during start-up is not lost.
    const stopRequested = untilStopSignal();
    const temporary = values['data-dir'] === undefined;
    const dataDir = temporary ? mkdtempSync(join(tmpdir(), 'oe-portal-')) : resolve(values['data-dir'] ?? '');
    const cleanUp = (): void => {
      if (temporary) rmSync(dataDir, { recursive: true, force: true });
    };
    let portal: Portal;
    try {
      portal = await createPortal({
        dataDir,
        port,
        defects,
        skin: values.foreign ? 'foreign' : 'reference',
        ...(harnessToken ? { harnessToken } : {}),
      });
    } catch (error) {
      cleanUp();
      if (error instanceof PortInUseError) {
        process.stderr.write(`${error.message}\n`);
        return 1;
      }
      throw error;
    }
    try {
      const demo = await seedDemoAccount(portal.db, Date.now());
      process.stdout.write(describe(portal, demo, dataDir, temporary, harnessToken !== undefined, defects));
      await stopRequested;
      process.stdout.write('Stopping the portal…\n');
    } finally {
      await portal.close();
      cleanUp();
    }
    return 0;
  });
}
