// The reference screens as a browser lays them out (Chromium, the portal's own stylesheet): the IdP
// and SSO form shows only the picked protocol's fields, and an audit table keeps its codes whole
// and inside the page, however long the codes and details are.
import { chromium, type Browser, type Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REASONS, type ReasonCode, CHROMIUM_ARGS, chromiumExecutable } from '../../lib/index.ts';
import { AUDIT_ACTIONS, type AuditEvent } from '../db/audit.ts';
import type { EmbeddedPortal } from '../driverEmbedded.ts';
import { TestBrowser } from '../testing/testBrowser.ts';
import { STANDARD_ACCOUNT, startTestPortal } from '../testing/testPortal.ts';
import { STYLESHEET } from './assets.ts';
import { auditTable } from './auditLogView.ts';

let browser: Browser;
let portal: EmbeddedPortal;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: chromiumExecutable(true), args: CHROMIUM_ARGS });
  portal = await startTestPortal();
  await portal.createAccount(STANDARD_ACCOUNT);
});

afterAll(async () => {
  await browser.close();
  await portal.close();
});

/** A page logged in as the standard account's admin (the session cookie of a password login). */
async function adminPage(): Promise<Page> {
  const admin = new TestBrowser(portal.url);
  await admin.loginWithPassword('ada@contoso.example', 'admin-password-1');
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  await context.addCookies([...admin.cookies].map(([name, value]) => ({ name, value: encodeURIComponent(value), url: portal.url })));
  return context.newPage();
}

describe('the IdP and SSO form', () => {
  it('shows the SAML fields or the OIDC fields, whichever protocol is picked', async () => {
    const page = await adminPage();
    await page.goto(new URL('/account', portal.url).href);
    const samlField = page.getByLabel('IdP entity ID', { exact: true });
    const oidcField = page.getByLabel('Issuer URL', { exact: true });
    expect(await page.getByRole('radio', { name: 'SAML 2.0', exact: true }).isChecked()).toBe(true);
    expect([await samlField.isVisible(), await oidcField.isVisible()]).toEqual([true, false]);
    await page.getByRole('radio', { name: 'OpenID Connect (OIDC)', exact: true }).check();
    expect([await samlField.isVisible(), await oidcField.isVisible()]).toEqual([false, true]);
    expect(await page.getByLabel('Client secret', { exact: true }).isVisible()).toBe(true);
    await page.context().close();
  });
});

describe('an audit table', () => {
  const longest = <T extends string>(values: readonly T[]): T => values.reduce((a, b) => (b.length > a.length ? b : a));
  const events: AuditEvent[] = Array.from({ length: 3 }, (_, id) => ({
    id,
    at: Date.UTC(2026, 11, 7, 5, id),
    actor: { kind: 'support', label: 'Ooma support: Samantha Supportington <samantha.supportington@ooma.example> (ticket OE-123456)' },
    action: longest(AUDIT_ACTIONS),
    reason: longest(Object.keys(REASONS) as ReasonCode[]),
    detail: `Version 12: SAML 2.0, vendor entra, IdP entity ID https://sts.windows.net/84b04959-e2bb-4754-9148-6c6420eea287/, SSO URL https://login.microsoftonline.com/84b04959-e2bb-4754-9148-6c6420eea287/saml2?x=${'y'.repeat(60)}`,
  }));

  it('keeps every code on one line and nothing wider than the page card', async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 800 } });
    await page.setContent(`<!doctype html><style>${STYLESHEET}</style><main>${auditTable(events).toString()}</main>`);
    const layout = await page.evaluate(() => {
      const main = document.querySelector('main');
      if (!main) throw new Error('no main');
      const codes = [...document.querySelectorAll('td code')].map((code) => code.getClientRects().length);
      return { codeLines: codes, mainOverflows: main.scrollWidth > main.clientWidth };
    });
    expect(layout.codeLines).toEqual(Array.from({ length: 6 }, () => 1));
    expect(layout.mainOverflows).toBe(false);
    await page.close();
  });
});
