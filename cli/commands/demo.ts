// `sso-harness demo`: try SSO by hand — the reference portal and the mock IdPs wired together on
// loopback (support/demo/stage.ts), the URLs, logins and test passwords printed, until Ctrl-C.
import { PortInUseError } from '../../lib/index.ts';
import { vendorFacts, VENDORS } from '../../mock-idps/index.ts';
import { startDemo, type Demo } from '../../support/index.ts';
import { UsageError, parseCommandArgs, parsePort, runCommand } from '../args.ts';
import { untilStopSignal } from '../stopSignals.ts';

export const help = `Usage:
  sso-harness demo [--portal-port N] [--idp-port N]

Starts the reference OE admin portal and the mock IdPs (all eight personas) on 127.0.0.1, wired
together, to click through the SSO lifecycle by hand: set SSO up, pass Test SSO, enable it, lock
yourself out, and recover as Ooma support. The account's seats are the IdP directory's users; the
portal's SP is already registered at every persona (an OIDC client at each OIDC one); the mock
login pages show the test password. Prints the URLs, the logins and what to enter for each
persona; Ctrl-C (or SIGTERM) stops and removes everything. All passwords are test-only.

Options:
  --portal-port N   the portal's port (default: a free one)
  --idp-port N      the mock IdPs' port (default: a free one)
`;

/** The vendors whose users sign in with their UPN ("Entra"). */
const UPN_VENDORS = VENDORS.filter((vendor) => vendorFacts(vendor).signIn.signInName === 'upn')
  .map((vendor) => vendorFacts(vendor).shortName)
  .join(', ');

export function renderDemo(demo: Demo): string {
  const urls = demo.account.urls;
  const seat = (who: string, login: Demo['admin']): string =>
    `  ${who.padEnd(8)} ${login.email.padEnd(30)} portal password: ${login.password}   at the IdP: ${login.idpLogin.email} (${UPN_VENDORS}: ${login.idpLogin.upn})`;
  const lines = [
    '',
    `Reference portal ${demo.portalUrl} and mock IdPs ${demo.idpUrl}, on 127.0.0.1 only. SSO is not set up yet: that is the first step.`,
    `  Portal log-in        ${urls.login}`,
    `  Account parameters   ${urls.accountParameters}   (IdP and SSO: set-up, Test SSO, Enable)`,
    `  Support console      ${urls.support}`,
    `  IdP control API      ${demo.controlUrl}/   (GET it: faults, key rotation, users)`,
    '',
    'Logins (test only, valid until this command stops):',
    seat('admin', demo.admin),
    seat('user', demo.user),
    `  ${'support'.padEnd(8)} ${demo.support.email.padEnd(30)} support password: ${demo.support.password}`,
    `  Every IdP test user's password: ${demo.idpPassword} (also shown on the mock login pages)`,
    '',
    "What to enter in Account parameters → IdP and SSO, per IdP persona (the portal's SP is already registered at each):",
  ];
  for (const persona of demo.personas) {
    lines.push(`  ${persona.displayName} [${persona.id}]`);
    const width = Math.max(...persona.enter.map(([label]) => label.length));
    for (const [label, value] of persona.enter) lines.push(`    ${label.padEnd(width)}  ${value}`);
  }
  lines.push(
    '',
    'Try it:',
    "  1. Log in as the admin (password), open Account parameters → IdP and SSO, enter one persona's values, save.",
    '  2. Test SSO: sign in at the mock IdP as the admin (the IdP login above). Then Enable.',
    '  3. Log out; log in as the user with SSO.',
    `  4. Lock everyone out: rotate the IdP's signing key, e.g. curl -X POST ${demo.controlUrl}/tenants/demo/keys/okta-saml/rotate`,
    '     (the portal still trusts the old certificate), and log in again: the lockout page.',
    '  5. Recover as Ooma support at the support console: access the account, turn SSO off.',
    '',
    'Ctrl-C stops and removes everything.',
    '',
  );
  return lines.join('\n');
}

export async function run(args: string[]): Promise<number> {
  return runCommand(async () => {
    const { values } = parseCommandArgs('demo', args, { 'portal-port': { type: 'string' }, 'idp-port': { type: 'string' } });
    const portalPort = parsePort('demo', values['portal-port'], 0);
    const idpPort = parsePort('demo', values['idp-port'], 0);
    // Listen for Ctrl-C before anything starts, so a stop request during start-up is not lost.
    const stopRequested = untilStopSignal();
    let demo: Demo;
    try {
      demo = await startDemo({ portalPort, idpPort, log: (line) => process.stderr.write(`demo: ${line}\n`) });
    } catch (error) {
      if (error instanceof PortInUseError) throw new UsageError(`sso-harness demo: ${error.message}`);
      throw error;
    }
    process.stdout.write(renderDemo(demo));
    const signal = await stopRequested;
    process.stderr.write(`demo: ${signal}: stopping the portal and the mock IdPs…\n`);
    await demo.close();
    process.stdout.write('Demo stopped.\n');
    return 0;
  });
}
