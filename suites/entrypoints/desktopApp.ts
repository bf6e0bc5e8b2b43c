// The OE desktop app as an RFC 8252 native client: the "system browser" is a tab of the person's
// own browser (a Playwright browser context), and the app hears back on a loopback listener of
// 127.0.0.1 on a port the OS picks for each login (§7.3), closed once the redirect came back.
import type { BrowserContext } from '@playwright/test';
import type { ProvisionedAccount } from '../../lib/index.ts';
import type { LoginFlow } from '../../mock-idps/index.ts';
import type { HarnessTarget } from '../target/harnessTarget.ts';
import { listenForLoopbackRedirect } from './appRedirect.ts';
import { NativeApp } from './nativeApp.ts';

export const DESKTOP_APP_NAME = 'OE desktop app';

export function desktopApp(options: {
  readonly systemBrowser: BrowserContext;
  readonly target: HarnessTarget;
  readonly account: ProvisionedAccount;
  readonly loginFlow: LoginFlow;
}): NativeApp {
  return new NativeApp({
    id: 'desktop',
    clientId: options.account.nativeClients.desktop.clientId,
    name: DESKTOP_APP_NAME,
    target: options.target,
    account: options.account,
    loginFlow: options.loginFlow,
    browser: options.systemBrowser,
    handOverEndsTab: false,
    receiveRedirect: () => listenForLoopbackRedirect(DESKTOP_APP_NAME),
  });
}
