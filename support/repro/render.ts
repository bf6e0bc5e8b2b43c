// What repro prints: the scenario list (text rows and JSON), the banner of a staged scenario (URLs
// and test-only credentials to try it by hand) and the before/after summary of a run.
import type { FaultId, PersonaId } from '../../mock-idps/index.ts';
import { PERSONAS } from '../../mock-idps/index.ts';
import type { LoginOutcome } from './browser.ts';
import type { RunSummary } from './runSummary.ts';
import { customerSeesOf, expectedSymptom, fixTitleOf, personasFor, type ReproScenario, type Symptom } from './scenarios.ts';
import type { ReproStage } from './stage.ts';

export interface ScenarioListEntry {
  readonly id: string;
  readonly kind: ReproScenario['kind'];
  readonly title: string;
  readonly persona: PersonaId;
  /** Every persona `--persona` accepts for it. */
  readonly personas: readonly PersonaId[];
  readonly faults: readonly FaultId[];
  readonly entry: 'sp-initiated' | 'idp-initiated';
  readonly customerSees?: string;
  /** Absent when no catalog fault predicts a failure (a customer file with nothing to reproduce). */
  readonly expected?: Symptom;
  readonly fix: string;
}

export function scenarioListEntry(scenario: ReproScenario): ScenarioListEntry {
  const persona = PERSONAS[scenario.persona];
  const customerSees = customerSeesOf(scenario);
  const expected = expectedSymptom(scenario, persona);
  return {
    id: scenario.id,
    kind: scenario.kind,
    title: scenario.title,
    persona: scenario.persona,
    personas: personasFor(scenario),
    faults: scenario.faults,
    entry: scenario.entry ?? 'sp-initiated',
    ...(customerSees === undefined ? {} : { customerSees }),
    ...(expected === undefined ? {} : { expected }),
    fix: fixTitleOf(scenario, persona),
  };
}

export function describeSymptom(symptom: Symptom | undefined): string {
  if (!symptom) return 'no failure predicted (no catalog fault of this scenario makes the login fail)';
  return symptom.at === 'portal'
    ? `the portal refuses the login (${symptom.reason})`
    : `the IdP shows its own error page (${symptom.code})`;
}

export function describeOutcome(outcome: LoginOutcome): string {
  switch (outcome.kind) {
    case 'signed-in':
      return `signed in: ${outcome.text}`;
    case 'portal-refusal':
      return `refused by the portal (${outcome.reason}): ${outcome.text}`;
    case 'idp-error':
      return `stopped at the IdP's error page (${outcome.code}): ${outcome.text}`;
    case 'stuck':
      return `stuck: ${outcome.text}`;
    case 'sent-off-machine':
      return `sent off this machine: ${outcome.text}`;
  }
}

const REPRODUCED_WORDS: Readonly<Record<RunSummary['reproduced'], string>> = {
  yes: 'reproduced',
  'different-symptom': 'NOT as predicted: another symptom at the same place',
  no: 'NOT reproduced',
  'not-predicted': 'nothing was predicted to fail',
};

/** Plain text, for the terminal. */
export function renderRunSummary(summary: RunSummary): string {
  return [
    `repro ${summary.scenario} (${summary.persona}): ${summary.title}`,
    `  expected  ${describeSymptom(summary.expected)}`,
    `  before    ${describeOutcome(summary.before.outcome)}`,
    `            → ${REPRODUCED_WORDS[summary.reproduced]}${summary.before.explainVerdict ? `; explain says: ${summary.before.explainVerdict}` : ''}`,
    `  fix       ${summary.fix}`,
    `  after     ${describeOutcome(summary.after.outcome)}`,
    `            → ${summary.fixed ? 'fixed' : 'NOT fixed'}`,
    `  evidence  ${summary.evidenceDir}/ (${summary.files.join(', ')})`,
    '',
  ].join('\n');
}

export function renderRunSummaryMarkdown(summary: RunSummary): string {
  const evidence = (label: 'before' | 'after'): string =>
    summary.files
      .filter((file) => file.startsWith(label))
      .map((file) => `[${file}](${file})`)
      .join(', ');
  return [
    `# repro ${summary.scenario}`,
    '',
    `${summary.title} — persona \`${summary.persona}\`, seat ${summary.seat}.`,
    '',
    '| | What the user met | Verdict | Evidence |',
    '|---|---|---|---|',
    `| before | ${cell(describeOutcome(summary.before.outcome))} | ${REPRODUCED_WORDS[summary.reproduced]} (expected: ${cell(describeSymptom(summary.expected))}) | ${evidence('before')} |`,
    `| after | ${cell(describeOutcome(summary.after.outcome))} | ${summary.fixed ? 'fixed' : 'NOT fixed'} | ${evidence('after')} |`,
    '',
    `**Fix applied:** ${summary.fix}`,
    '',
    "The account's SP settings are in [sp-settings.json](sp-settings.json) (broken) and [sp-settings-after-fix.json](sp-settings-after-fix.json):",
    'pass them to `sso-harness explain <artefact> --config <file>`.',
    '',
  ].join('\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The banner of a staged scenario: what to open and which test-only logins to use. */
export function renderStageBanner(stage: ReproStage, options: { readonly interactive: boolean }): string {
  const { scenario, persona, account } = stage;
  const sp = account.urls.sp;
  const customerSees = customerSeesOf(scenario);
  const idpRows: [string, string][] =
    stage.idpUrls.protocol === 'saml'
      ? [
          ['IdP metadata', stage.idpUrls.metadataUrl],
          ['IdP entity ID', stage.idpUrls.entityId],
          ...(scenario.entry === 'idp-initiated' ? [['IdP app tile (start here)', stage.idpUrls.idpInitiatedUrl] as [string, string]] : []),
        ]
      : [
          ['Issuer', stage.idpUrls.issuer],
          ['Discovery', stage.idpUrls.discoveryUrl],
        ];
  const rows: [string, string][] = [
    ['Portal log-in', account.urls.login],
    ['Sign-on URL', sp.signOnUrl],
    ['Account parameters', account.urls.accountParameters],
    ['Support console', account.urls.support],
    ...idpRows,
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const login = (who: string, email: string, password: string, idp: string): string =>
    `  ${who.padEnd(8)} ${email.padEnd(34)} portal password: ${password}${idp}`;
  const idpLogin = (seat: ReproStage['user']): string => `   IdP: ${seat.idpLogin} / ${stage.idpPassword}`;
  return [
    `Scenario ${scenario.id}: ${scenario.title}`,
    `Persona: ${persona.displayName} [${persona.id}]; fault catalog: ${scenario.faults.join(', ')}`,
    ...(customerSees ? [`The customer sees: ${customerSees}`] : []),
    `Expected here: ${describeSymptom(expectedSymptom(scenario, persona))}`,
    '',
    `Reference portal ${stage.portalUrl} (account ${account.accountId}, SSO enabled) and mock IdP ${stage.idpUrl}, on 127.0.0.1 only:`,
    ...rows.map(([label, url]) => `  ${label.padEnd(width)}  ${url}`),
    '',
    'Logins (test only, valid until this command stops):',
    login('user', stage.user.email, stage.user.password, idpLogin(stage.user)),
    login('admin', stage.admin.email, stage.admin.password, idpLogin(stage.admin)),
    `  ${'support'.padEnd(8)} ${stage.support.email.padEnd(34)} support password: ${stage.support.password} (at /support: access the account, turn SSO off)`,
    '',
    scenario.entry === 'idp-initiated'
      ? 'Try it: open the IdP app tile URL and sign in as the user.'
      : "Try it: log in at the portal with the user's email (or open the sign-on URL) and sign in at the IdP as the user.",
    `The fix support gives the customer's admin: ${fixTitleOf(scenario, persona)}`,
    options.interactive
      ? 'Press Enter to apply the fix and try again; Ctrl-C stops and removes everything.'
      : 'Ctrl-C stops and removes everything.',
    '',
  ].join('\n');
}
