// Progress while the certification runs (never a silent minute): one line when a test starts,
// one per lifecycle stage (top-level test.step), one when it ends. Used by `sso-harness certify`
// in place of Playwright's list reporter (SSO_HARNESS_PROGRESS=1).
import { errorLine } from './errorLine.ts';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult, TestStep } from '@playwright/test/reporter';

const SYMBOL: Readonly<Record<TestResult['status'], string>> = {
  passed: 'ok  ',
  failed: 'FAIL',
  timedOut: 'TIME',
  skipped: 'skip',
  interrupted: 'STOP',
};

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** The part of a title before the first colon (the persona in the lifecycle titles), at most 40 characters. */
export function shortTitle(title: string): string {
  const head = title.split(': ')[0] ?? title;
  return head.length > 40 ? `${head.slice(0, 39)}…` : head;
}

const firstLine = (message: string | undefined): string => errorLine({ message: message ?? '' }) ?? '';

export default class ProgressReporter implements Reporter {
  #total = 0;
  #started = 0;
  #done = 0;
  #failed = 0;
  readonly #number = new Map<string, number>();
  #began = Date.now();

  printsToStdio(): boolean {
    return true;
  }

  onBegin(config: FullConfig, suite: Suite): void {
    this.#total = suite.allTests().length;
    this.#began = Date.now();
    process.stdout.write(`Running ${this.#total} test(s) on ${config.workers} worker(s).\n`);
  }

  #tag(test: TestCase): string {
    return `[${String(this.#number.get(test.id) ?? 0).padStart(String(this.#total).length)}/${this.#total}]`;
  }

  onTestBegin(test: TestCase): void {
    this.#started += 1;
    this.#number.set(test.id, this.#started);
    process.stdout.write(`${this.#tag(test)} start  ${test.title}\n`);
  }

  onStepBegin(test: TestCase, _result: TestResult, step: TestStep): void {
    if (step.category !== 'test.step' || step.parent) return;
    process.stdout.write(`${this.#tag(test)}   ${shortTitle(test.title)} › ${step.title}\n`);
  }

  onStepEnd(test: TestCase, _result: TestResult, step: TestStep): void {
    if (step.category !== 'test.step' || step.parent || !step.error) return;
    process.stdout.write(`${this.#tag(test)}   ${shortTitle(test.title)} › FAILED: ${step.title}: ${firstLine(step.error.message)}\n`);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    this.#done += 1;
    const ok = test.outcome() === 'expected' || test.outcome() === 'skipped';
    if (!ok) this.#failed += 1;
    const symbol = test.outcome() === 'expected' && result.status === 'failed' ? 'ok (known deviation)' : SYMBOL[result.status];
    process.stdout.write(
      `${this.#tag(test)} ${symbol} ${test.title} (${seconds(result.duration)}) — ${this.#done}/${this.#total} done${this.#failed ? `, ${this.#failed} failed` : ''}\n`,
    );
    if (!ok && result.error) process.stdout.write(`        ${firstLine(result.error.message)}\n`);
  }

  onError(error: { message?: string }): void {
    process.stdout.write(`ERROR outside the tests: ${firstLine(error.message)}\n`);
  }

  onEnd(result: FullResult): void {
    process.stdout.write(
      `Tests finished: ${this.#done - this.#failed} ok, ${this.#failed} failed, status ${result.status}, ${seconds(Date.now() - this.#began)}.\n`,
    );
  }
}
