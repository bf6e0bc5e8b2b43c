// allure-playwright, also when replayed by `playwright merge-reports` (certify --merge): there its
// onConfigure sees the merge's configuration before any shard's projects, and allure-playwright
// reads the first project's output and snapshot directories unguarded (used only to pair
// screenshot-comparison images, which these suites do not take).
import type { FullConfig } from '@playwright/test/reporter';
import { AllureReporter as AllurePlaywright } from 'allure-playwright';

export default class AllureReporter extends AllurePlaywright {
  override onConfigure(config: FullConfig): void {
    if (config.projects.length > 0) {
      super.onConfigure(config);
      return;
    }
    const outputDir = 'test-results';
    super.onConfigure({ ...config, projects: [{ outputDir, snapshotDir: outputDir } as FullConfig['projects'][number]] });
  }
}
