// First reporter in playwright.config.ts: as each test ends, its trace (kept on failure) is
// rewritten without the run's secrets, before the HTML and Allure reporters copy it.
import type { FullConfig, Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { ledgerDir, readSecrets } from './secrets/ledger.ts';
import { redactTraceFile } from './secrets/redactTraces.ts';

export default class TraceRedactor implements Reporter {
  #defaultOutputDir = 'test-results';

  onBegin(config: FullConfig): void {
    this.#defaultOutputDir = config.projects[0]?.outputDir ?? this.#defaultOutputDir;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const traces = result.attachments.filter((attachment) => attachment.name === 'trace' && attachment.path);
    if (traces.length === 0) return;
    const secrets = readSecrets(ledgerDir(test.parent.project()?.outputDir ?? this.#defaultOutputDir));
    for (const trace of traces) redactTraceFile(trace.path!, secrets);
  }

  printsToStdio(): boolean {
    return false;
  }
}
