// A set-up step the scenario needs failed (provisioning an account, configuring or enabling SSO,
// registering the SP at the IdP): the scenario could not run. That is reported as "could not run"
// with the step that failed — never as a defect of the SP under test.
import { test } from '@playwright/test';
import { ANNOTATION } from '../../reporting/index.ts';

/** The annotation type the reports read: its description names the step and what went wrong. */
export const COULD_NOT_RUN_ANNOTATION = ANNOTATION.couldNotRun;

export class CouldNotRunError extends Error {
  readonly step: string;

  constructor(step: string, cause: unknown) {
    const said = cause instanceof Error ? cause.message : String(cause);
    super(`Could not run: ${step} failed: ${said.split('\n')[0] ?? said}`);
    this.name = 'CouldNotRunError';
    this.step = step;
  }
}

/** Run a set-up step; its failure becomes a CouldNotRunError naming the step. */
export async function setUpStep<T>(step: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof CouldNotRunError) throw error;
    throw new CouldNotRunError(step, error);
  }
}

/** In a test: record that it could not run (the reports then say so instead of naming an SP defect), and rethrow. */
export function reportCouldNotRun(error: unknown): never {
  if (error instanceof CouldNotRunError) test.info().annotations.push({ type: COULD_NOT_RUN_ANNOTATION, description: error.message });
  throw error;
}
