// What a `repro --run` found, as written to summary.json and rendered by render.ts: before the
// fix, whether the symptom was reproduced, the fix, after it.
import type { LoginOutcome } from './browser.ts';
import type { Symptom } from './scenarios.ts';

export type Reproduced = 'yes' | 'different-symptom' | 'no' | 'not-predicted';

export interface AttemptSummary {
  readonly outcome: LoginOutcome;
  readonly finalUrl: string;
  readonly navigations: readonly string[];
  /** explain's verdict on the captured (or minted) artefact, when there was one. */
  readonly explainVerdict?: string;
}

export interface RunSummary {
  readonly schemaVersion: 1;
  readonly scenario: string;
  readonly title: string;
  readonly persona: string;
  readonly seat: string;
  /** What the catalog predicts the user meets; absent when nothing is predicted to fail. */
  readonly expected?: Symptom;
  readonly before: AttemptSummary;
  readonly reproduced: Reproduced;
  readonly fix: string;
  readonly after: AttemptSummary;
  readonly fixed: boolean;
  readonly evidenceDir: string;
  readonly files: readonly string[];
}
