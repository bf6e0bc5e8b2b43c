// The Chromium binary and flags of every browser the harness launches (Playwright runs, the target
// preflight, repro, benches): one place, read by playwright.config.ts and the tools.
import { existsSync } from 'node:fs';

// Debian's Chromium (Playwright cannot download its own browsers on these machines). Headless
// runs use Debian's chromium-headless-shell, as Playwright does with its own builds: the same
// engine without the browser shell, and 2–5 times less CPU per context and page load than the
// full browser in headless mode (bench/browserCost.ts). A headed run (--headed, --debug, --ui,
// PWDEBUG) needs the full browser. SSO_HARNESS_CHROMIUM names one binary for every run.
const FULL_CHROMIUM = '/usr/bin/chromium';
export const HEADLESS_SHELL = process.env.SSO_HARNESS_HEADLESS_SHELL || '/usr/bin/chromium-headless-shell';

/** The Chromium binary for a headless or a headed run. */
export function chromiumExecutable(headless: boolean): string {
  if (process.env.SSO_HARNESS_CHROMIUM) return process.env.SSO_HARNESS_CHROMIUM;
  return headless && existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : FULL_CHROMIUM;
}

// Workers load this file again with argv of their own: the runner passes "headed" on in the environment.
if (['--headed', '--debug', '--ui'].some((flag) => process.argv.includes(flag)) || process.env.PWDEBUG)
  process.env.SSO_HARNESS_HEADED = '1';
const HEADLESS = process.env.SSO_HARNESS_HEADED !== '1';

/** The binary this run launches (headless unless the run was started headed). */
export const CHROMIUM_PATH = chromiumExecutable(HEADLESS);
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-domain-reliability',
];
