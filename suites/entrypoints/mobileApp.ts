// The OE mobile app on a phone, in Playwright device emulation: the app signs in through an
// in-app browser tab (ASWebAuthenticationSession on iOS, Custom Tabs on Android) and gets the
// authorization response on its private-use URI scheme (RFC 8252 §7.1).
import { devices, type Browser, type BrowserContext } from '@playwright/test';
import type { ProvisionedAccount } from '../../lib/index.ts';
import type { LoginFlow } from '../../mock-idps/index.ts';
import type { HarnessTarget } from '../target/harnessTarget.ts';
import { catchSchemeRedirect } from './appRedirect.ts';
import { NativeApp } from './nativeApp.ts';

/** One iPhone and one Android phone; Chromium renders both (the harness ships no WebKit). */
export const PHONES = {
  'mobile-ios': { name: 'OE mobile app (iPhone 15)', device: 'iPhone 15' },
  'mobile-android': { name: 'OE mobile app (Pixel 7)', device: 'Pixel 7' },
} as const satisfies Record<string, { readonly name: string; readonly device: keyof typeof devices }>;

export type PhoneId = keyof typeof PHONES;

/** A phone of its own for one person: the device's viewport, touch, user agent; the portal as base URL. */
export async function newPhone(browser: Browser, phone: PhoneId, portalUrl: string): Promise<BrowserContext> {
  // defaultBrowserType names the engine to launch; the context takes the rest of the descriptor.
  const { defaultBrowserType: _engine, ...descriptor } = devices[PHONES[phone].device];
  return browser.newContext({ ...descriptor, baseURL: portalUrl });
}

export function mobileApp(options: {
  readonly phone: PhoneId;
  readonly device: BrowserContext;
  readonly target: HarnessTarget;
  readonly account: ProvisionedAccount;
  readonly loginFlow: LoginFlow;
}): NativeApp {
  return new NativeApp({
    id: options.phone,
    clientId: options.account.nativeClients.mobile.clientId,
    name: PHONES[options.phone].name,
    target: options.target,
    account: options.account,
    loginFlow: options.loginFlow,
    browser: options.device,
    handOverEndsTab: true,
    receiveRedirect: (tab) => Promise.resolve(catchSchemeRedirect(tab, options.account.nativeClients.mobile.redirectUri)),
  });
}
