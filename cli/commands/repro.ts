// `sso-harness repro`: stand a customer's broken SSO up on loopback (reference portal + the mock IdP
// of their vendor), to try by hand or to drive with --run (symptom captured, fix applied, after).
import { isPersonaId } from '../../mock-idps/index.ts';
import type { PersonaId } from '../../mock-idps/index.ts';
import {
  SupportInputError,
  displayAvailable,
  NoDisplayError,
  scenarioFromCustomerFile,
  PortalRefusedConfigurationError,
  describeSymptom,
  renderRunSummary,
  renderStageBanner,
  scenarioListEntry,
  runScenario,
  expectedSymptom,
  findScenario,
  REPRO_SCENARIOS,
  UnknownScenarioError,
  type ReproScenario,
  ScenarioPersonaError,
  stageScenario,
  type ReproStage,
} from '../../support/index.ts';
import { parseCommandArgs, runCommand, UsageError } from '../args.ts';
import { untilStopSignal } from '../stopSignals.ts';
import { renderTable } from '../table.ts';

export const DEFAULT_REPRO_OUT = 'reports/repro';

export const help = `Usage:
  sso-harness repro --list [--json]
  sso-harness repro <scenario> [--persona <id>] [--run [--headed] [--json]] [--out <dir>]
  sso-harness repro --from <customer file> [--run [--headed] [--json]] [--out <dir>]

Stands a customer's broken SSO up on this machine: the reference OE portal and the mock IdP of
the customer's vendor on 127.0.0.1, an account whose SSO was working (SP registered at the IdP,
SSO configured and enabled), then exactly the change that broke it. Nothing leaves loopback, and
everything started is removed when the command ends.

Without --run it prints the URLs and the test-only logins (user, admin, Ooma support) to try it by
hand, then waits: press Enter to apply the fix and try again; Ctrl-C stops.

Options:
  --list           the scenarios: every lockout cause of the SSO lifecycle and the misconfigurations
                   support meets most per vendor, each with its fault catalog ids
  --json           with --list: the list as JSON (id, persona, personas, faults, expected symptom,
                   fix); with --run: the run summary as JSON
  --persona <id>   run the scenario with another persona it applies to (e.g. entra-saml)
  --from <file>    a specific customer: the offline-certify customer file (their IdP metadata or
                   discovery document and their SP settings; format: support/offlineCertify/README.md).
                   Their SP settings are applied as they are; each misconfiguration the offline check
                   finds is switched on at the mock IdP as the catalog fault it names
  --run            drive it in Chromium: the user logs in and meets the symptom (screenshot, the
                   decoded SAMLResponse or ID token, explain's diagnosis), the fix is applied, the
                   user logs in again; evidence in <out>/<scenario>/, a before/after summary printed
  --headed         with --run: show the browser (needs a display)
  --out <dir>      where --run writes its evidence (default ${DEFAULT_REPRO_OUT})

Exit codes: 0 = stopped cleanly, or (--run) the symptom was reproduced and the fix works;
            1 = (--run) not reproduced as predicted, or still failing after the fix;
            2 = bad usage, unknown scenario or persona, unusable customer file.

Examples:
  sso-harness repro --list
  sso-harness repro signing-certificate-rotated
  sso-harness repro acs-url-changed --persona entra-saml
  sso-harness repro okta-oidc-org-vs-custom-issuer --run
  sso-harness repro --from contoso.json --run --headed
`;

export async function run(args: string[]): Promise<number> {
  return runCommand(async () => {
    const { values, positionals } = parseCommandArgs(
      'repro',
      args,
      {
        list: { type: 'boolean' },
        json: { type: 'boolean' },
        persona: { type: 'string' },
        from: { type: 'string' },
        run: { type: 'boolean' },
        headed: { type: 'boolean' },
        out: { type: 'string' },
      },
      true,
    );
    if (values.list) {
      if (positionals.length > 0 || values.from !== undefined)
        throw new UsageError('sso-harness repro: --list takes no scenario and no --from.');
      process.stdout.write(values.json ? `${JSON.stringify(REPRO_SCENARIOS.map(scenarioListEntry), null, 2)}\n` : renderList());
      return 0;
    }
    if (values.headed && !values.run)
      throw new UsageError('sso-harness repro: --headed only applies to --run (without --run, open the printed URLs in your own browser).');
    if (values.json && !values.run)
      throw new UsageError(
        'sso-harness repro: --json applies to --list and --run; without them repro prints the URLs and logins to try by hand.',
      );
    if (values.headed && !displayAvailable()) {
      throw new UsageError(
        'sso-harness repro: --headed needs a display, and this machine has none (neither DISPLAY nor WAYLAND_DISPLAY is set). Run without --headed: the screenshots are written to the evidence folder.',
      );
    }
    const persona = parsePersona(values.persona);
    const outDir = values.out ?? DEFAULT_REPRO_OUT;
    const { scenario, domain } = await chooseScenario(positionals, values.from, outDir);
    // Listen for Ctrl-C before anything starts, so a stop request during start-up is not lost.
    const stopRequested = untilStopSignal();
    const log = (line: string): void => {
      process.stderr.write(`repro: ${line}\n`);
    };
    let stage: ReproStage;
    try {
      stage = await stageScenario(scenario, { ...(persona ? { persona } : {}), ...(domain ? { domain } : {}), log });
    } catch (error) {
      if (error instanceof ScenarioPersonaError) throw new UsageError(`sso-harness repro: ${error.message}`);
      if (error instanceof PortalRefusedConfigurationError) {
        process.stderr.write(`sso-harness repro: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
    try {
      return values.run
        ? await runAndReport(stage, { outDir, headed: values.headed ?? false, json: values.json ?? false, log }, stopRequested)
        : await waitByHand(stage, stopRequested);
    } finally {
      log('Stopping the portal and the mock IdP…');
      await stage.close();
    }
  });
}

function parsePersona(value: string | undefined): PersonaId | undefined {
  if (value === undefined) return undefined;
  if (!isPersonaId(value))
    throw new UsageError(
      `sso-harness repro: --persona must be a persona id such as entra-saml or okta-oidc, not "${value}" (see \`sso-harness personas\`).`,
    );
  return value;
}

async function chooseScenario(
  positionals: readonly string[],
  from: string | undefined,
  outDir: string,
): Promise<{ scenario: ReproScenario; domain?: string }> {
  if (from !== undefined) {
    if (positionals.length > 0) throw new UsageError('sso-harness repro: give either a scenario name or --from <customer file>, not both.');
    try {
      const customer = await scenarioFromCustomerFile(from, outDir);
      for (const line of customer.notReproduced) process.stderr.write(`repro: not reproduced live: ${line}\n`);
      process.stderr.write(`repro: offline check of the customer file: ${customer.offlineReport}\n`);
      return { scenario: customer.scenario, domain: customer.domain };
    } catch (error) {
      if (error instanceof SupportInputError) throw new UsageError(`sso-harness repro --from: ${error.message}`);
      throw error;
    }
  }
  if (positionals.length !== 1) {
    throw new UsageError(
      `sso-harness repro: name one scenario (see \`sso-harness repro --list\`) or give --from <customer file>${positionals.length > 1 ? `, not ${positionals.length} names` : ''}.`,
    );
  }
  try {
    return { scenario: findScenario(positionals[0]!) };
  } catch (error) {
    if (error instanceof UnknownScenarioError) throw new UsageError(`sso-harness repro: ${error.message}`);
    throw error;
  }
}

function renderList(): string {
  const rows = REPRO_SCENARIOS.map(scenarioListEntry).map((entry) => [entry.id, entry.persona, entry.faults.join(', '), entry.title]);
  const lockouts = rows.filter((_, index) => REPRO_SCENARIOS[index]?.kind === 'lockout');
  const others = rows.filter((_, index) => REPRO_SCENARIOS[index]?.kind !== 'lockout');
  const headers = ['SCENARIO', 'PERSONA', 'FAULT CATALOG', 'WHAT HAPPENED'];
  return [
    "Lockouts (the SSO lifecycle's causes; any persona of the protocol with --persona):",
    renderTable(headers, lockouts),
    'Misconfigurations support meets most, per vendor:',
    renderTable(headers, others),
    'Stand one up with `sso-harness repro <scenario>` (add --run to drive it); details with --json.',
    '',
  ].join('\n');
}

interface RunFlags {
  readonly outDir: string;
  readonly headed: boolean;
  readonly json: boolean;
  readonly log: (line: string) => void;
}

async function runAndReport(stage: ReproStage, flags: RunFlags, stopRequested: Promise<NodeJS.Signals>): Promise<number> {
  flags.log(
    `Account ${stage.account.accountId} at ${stage.portalUrl}, ${stage.persona.displayName} at ${stage.idpUrl}; expected: ${describeSymptom(expectedSymptom(stage.scenario, stage.persona))}`,
  );
  let summary;
  try {
    summary = await Promise.race([
      runScenario(stage, { outDir: flags.outDir, headed: flags.headed, log: flags.log }),
      stopRequested.then(() => undefined),
    ]);
  } catch (error) {
    if (error instanceof NoDisplayError) throw new UsageError(`sso-harness repro: ${error.message}`);
    throw error;
  }
  if (!summary) {
    flags.log('Stopped before the run finished.');
    return 130;
  }
  process.stdout.write(flags.json ? `${JSON.stringify(summary, null, 2)}\n` : renderRunSummary(summary));
  return summary.reproduced === 'yes' && summary.fixed ? 0 : 1;
}

/** Print what to try and wait; Enter applies the fix once, Ctrl-C ends. */
async function waitByHand(stage: ReproStage, stopRequested: Promise<NodeJS.Signals>): Promise<number> {
  process.stdout.write(renderStageBanner(stage, { interactive: true }));
  let fixed = false;
  const onInput = (): void => {
    if (fixed) return;
    fixed = true;
    stage.fix().then(
      () =>
        process.stdout.write(
          'Fix applied: try the login again (a new browser window or private tab, so no old session is reused). Ctrl-C stops.\n',
        ),
      (error: unknown) => process.stderr.write(`sso-harness repro: the fix could not be applied: ${(error as Error).message}\n`),
    );
  };
  process.stdin.on('data', onInput);
  try {
    await stopRequested;
  } finally {
    process.stdin.off('data', onInput);
    process.stdin.pause();
  }
  return 0;
}
