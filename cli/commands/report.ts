// `sso-harness report`: serve the reports of the last run on loopback (the Allure report needs HTTP).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PortInUseError } from '../../lib/index.ts';
import { serveReports } from '../../reporting/index.ts';
import { UsageError, parseCommandArgs, parsePort, runCommand } from '../args.ts';
import { untilStopSignal } from '../stopSignals.ts';

export const help = `Usage:
  sso-harness report [--dir DIR] [--port N]

Serves the reports of the last run (default: reports/, or SSO_HARNESS_REPORTS_DIR) on 127.0.0.1
and prints their URLs: the certification report (with its evidence links), the Allure 3 report
(which only works over HTTP: opened from disk it shows a blank page) and the Playwright report.
Ctrl-C stops.

Options:
  --dir DIR   the reports directory (default: reports)
  --port N    the port (default: a free one)
`;

export async function run(args: string[]): Promise<number> {
  return runCommand(async () => {
    const { values } = parseCommandArgs('report', args, { dir: { type: 'string' }, port: { type: 'string' } });
    const dir = resolve(values.dir ?? (process.env.SSO_HARNESS_REPORTS_DIR || 'reports'));
    const port = parsePort('report', values.port, 0);
    if (!existsSync(join(dir, 'certification.json')) && !existsSync(join(dir, 'allure-report'))) {
      throw new UsageError(
        `sso-harness report: ${dir} holds no report (no certification.json, no allure-report/). Run \`sso-harness certify\` first, or give --dir.`,
      );
    }
    const stopRequested = untilStopSignal();
    let server;
    try {
      server = await serveReports(dir, port);
    } catch (error) {
      if (error instanceof PortInUseError) throw new UsageError(`sso-harness report: ${error.message}`);
      throw error;
    }
    const rows = [
      ['Certification report', 'certification.html'],
      ['Allure report', 'allure-report/'],
      ['Playwright report', 'playwright/html/'],
    ].filter(([, path]) => existsSync(join(dir, path!)));
    process.stdout.write(
      `Reports of ${dir} on ${server.url} (127.0.0.1 only):\n${rows.map(([label, path]) => `  ${label!.padEnd(22)} ${server.url}/${path}`).join('\n')}\nCtrl-C stops.\n`,
    );
    await stopRequested;
    await server.close();
    return 0;
  });
}
