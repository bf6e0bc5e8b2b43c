// `repro --run`: the user logs in and meets the customer's symptom (captured), support's fix is
// applied, the user logs in again; before and after are compared with what the scenario predicts.
import { join } from 'node:path';
import { attemptLogin, launchBrowser, type LoginOutcome } from './browser.ts';
import { evidenceFolder, scrubUrl, writeAttemptEvidence, type EvidenceFolder } from './evidence.ts';
import { expectedSymptom, fixTitleOf, type Symptom } from './scenarios.ts';
import type { ReproStage } from './stage.ts';
import { renderRunSummaryMarkdown } from './render.ts';
import type { AttemptSummary, Reproduced, RunSummary } from './runSummary.ts';

export interface RunOptions {
  /** reports/repro by default; the scenario's folder is created inside. */
  readonly outDir: string;
  readonly headed?: boolean;
  readonly log?: (line: string) => void;
}

export async function runScenario(stage: ReproStage, options: RunOptions): Promise<RunSummary> {
  const log = options.log ?? ((): void => undefined);
  const folder = evidenceFolder(join(options.outDir, stage.scenario.id), stage.secrets());
  const browser = await launchBrowser({ ...(options.headed === undefined ? {} : { headed: options.headed }) });
  try {
    log(`Before the fix: ${stage.user.email} logs in…`);
    const before = await attemptLogin(browser, stage, stage.user);
    const beforeEvidence = await writeAttemptEvidence(folder, 'before', before, stage);
    const fix = fixTitleOf(stage.scenario, stage.persona);
    log(`Applying the fix: ${fix}`);
    await stage.fix();
    log(`After the fix: ${stage.user.email} logs in again…`);
    const after = await attemptLogin(browser, stage, stage.user);
    const afterEvidence = await writeAttemptEvidence(folder, 'after', after, stage);
    const expected = expectedSymptom(stage.scenario, stage.persona);
    const summary: RunSummary = {
      schemaVersion: 1,
      scenario: stage.scenario.id,
      title: stage.scenario.title,
      persona: stage.persona.id,
      seat: stage.user.email,
      ...(expected === undefined ? {} : { expected }),
      before: attemptSummary(before, beforeEvidence.explained, folder),
      reproduced: compare(before.outcome, expected),
      fix,
      after: attemptSummary(after, afterEvidence.explained, folder),
      fixed: after.outcome.kind === 'signed-in',
      evidenceDir: folder.dir,
      files: [...folder.files, 'summary.json', 'summary.md'],
    };
    const scrubbed = JSON.parse(folder.scrub(JSON.stringify(summary))) as RunSummary;
    folder.writeText('summary.json', `${JSON.stringify(scrubbed, null, 2)}\n`);
    folder.writeText('summary.md', renderRunSummaryMarkdown(scrubbed));
    return scrubbed;
  } finally {
    await browser.close();
  }
}

function attemptSummary(
  attempt: { outcome: LoginOutcome; finalUrl: string; navigations: readonly string[] },
  explainVerdict: string | undefined,
  folder: EvidenceFolder,
): AttemptSummary {
  return {
    outcome: attempt.outcome,
    finalUrl: folder.scrub(scrubUrl(attempt.finalUrl)),
    navigations: attempt.navigations.map((line) => folder.scrub(scrubUrl(line))),
    ...(explainVerdict === undefined ? {} : { explainVerdict }),
  };
}

/** Did the user meet the predicted symptom? The right place with another reason is worth saying. */
export function compare(outcome: LoginOutcome, expected: Symptom | undefined): Reproduced {
  if (!expected) return 'not-predicted';
  if (expected.at === 'portal') {
    if (outcome.kind !== 'portal-refusal') return 'no';
    return outcome.reason === expected.reason ? 'yes' : 'different-symptom';
  }
  if (outcome.kind !== 'idp-error') return 'no';
  return outcome.code === expected.code ? 'yes' : 'different-symptom';
}
