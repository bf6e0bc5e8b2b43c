// What the native-app suites share: one SSO-ready account per worker, the app under test (desktop,
// or the first phone the run covers), a code obtained the way the app obtains it, and the
// verdicts of a refused authorization request and a refused token request — judged by RFC 6749
// words, what the app receives and the reasons the target declares (`reason-check` annotations).
import type { AuditEvent, ReasonCode } from '../../lib/index.ts';
import { PERSONA_IDS } from '../../mock-idps/index.ts';
import { watchRefusal } from '../driver/refusalReason.ts';
import { expectOnPortal, selectedEntryPoints, type NativeEntryPointId } from '../entrypoints/entryPoint.ts';
import type { NativeApp, NativeLogin, StartLoginOptions } from '../entrypoints/nativeApp.ts';
import type { TokenResult } from '../entrypoints/nativeClient.ts';
import type { HarnessTarget } from '../target/harnessTarget.ts';
import { REASON_CHECK_ANNOTATION, auditEventsAdded, describeReasonVerdict, judgeReason } from '../target/reasonCheck.ts';
import { expect, test as base } from '../entrypoints/fixtures.ts';
import type { SsoReadyAccount } from './ssoReadyAccounts.ts';

/** The refusals do not depend on the IdP: one persona's SSO account serves them all. */
const PERSONA = PERSONA_IDS[0] ?? 'entra-saml';

/** The apps the run covers, one per OAuth client: the desktop app, and the mobile app on the first phone selected. */
export function nativeAppsUnderTest(): { readonly desktop: boolean; readonly phone: NativeEntryPointId | undefined } {
  const selected = selectedEntryPoints();
  return {
    desktop: selected.includes('desktop'),
    phone: selected.find((id): id is NativeEntryPointId => id !== 'web' && id !== 'desktop'),
  };
}

export interface AppUnderTest {
  readonly ready: SsoReadyAccount;
  readonly native: NativeApp;
}

export const test = base.extend<{ appUnderTest: NativeEntryPointId; app: AppUnderTest }>({
  appUnderTest: ['desktop', { option: true }],
  app: async ({ appUnderTest, ssoReadyAccount, entryPoints }, use) => {
    const ready = await ssoReadyAccount(PERSONA);
    await use({
      ready,
      native: await entryPoints({ loginFlow: ready.persona.loginFlow, account: ready.account.provisioned }, [appUnderTest]).nativeApp(
        appUnderTest,
        ready.account.user,
      ),
    });
  },
});

export { expect };

export { RULE } from './ruleTags.ts';

/** The test fails when the reference portal runs with any of these defect switches (portal/defects.ts) — the proof it can fail. */
export function caughtDefect(appId: NativeEntryPointId, ...defects: readonly string[]): void {
  test
    .info()
    .annotations.push(
      { type: 'entry-point', description: appId },
      ...defects.map((description) => ({ type: 'caught-defect', description })),
    );
}

/** The user logs in through the app's tab; the app has its code (not yet redeemed). */
export async function codeFor(
  { ready, native }: AppUnderTest,
  options: StartLoginOptions = {},
): Promise<{ login: NativeLogin; code: string }> {
  const login = await native.startLogin(options);
  const redirect = await login.continueAs(ready.account.user);
  if (redirect.kind !== 'code')
    throw new Error(`Expected a code for ${ready.account.user.email}, got ${redirect.error}: ${redirect.description}`);
  expect(redirect.state, "the code comes back with the request's state (RFC 6749 §4.1.2)").toBe(login.request.state);
  return { login, code: redirect.code };
}

/** The audit of the account before a token request, to read the refusal's reason from the events it adds. */
export async function auditNow(target: HarnessTarget, ready: SsoReadyAccount): Promise<readonly AuditEvent[]> {
  return target.capabilities.reasons.audit ? (await target.accountState(ready.account.id)).auditEvents : [];
}

/** Record what the target said about a refused token request's reason (checked, other, or not verifiable). */
async function recordTokenReason(
  target: HarnessTarget,
  ready: SsoReadyAccount,
  before: readonly AuditEvent[],
  result: TokenResult,
  reasons: readonly ReasonCode[],
  what: string,
): Promise<void> {
  if (result.ok) return;
  const auditEvents = target.capabilities.reasons.audit
    ? auditEventsAdded(before, (await target.accountState(ready.account.id)).auditEvents)
    : undefined;
  const verdict = judgeReason(target.capabilities, reasons, { headers: result.headers, ...(auditEvents ? { auditEvents } : {}) });
  test.info().annotations.push({ type: REASON_CHECK_ANNOTATION, description: `${what}: ${describeReasonVerdict(verdict)}` });
}

/** A refused token request: RFC 6749 §5.2 invalid_grant, no token; its reason recorded as checked (or not verifiable). */
export async function expectGrantRefused(
  target: HarnessTarget,
  ready: SsoReadyAccount,
  before: readonly AuditEvent[],
  result: TokenResult,
  reason: ReasonCode,
  what: string,
): Promise<void> {
  expect(result, `${what}: refused with HTTP 400 invalid_grant (RFC 6749 §5.2), no access token`).toMatchObject({
    ok: false,
    status: 400,
    error: 'invalid_grant',
  });
  await recordTokenReason(target, ready, before, result, [reason], what);
}

/**
 * A token request from a client id the code was not issued to: no token. RFC 6749 §5.2 allows
 * `invalid_client` (an id no client has, 401 or 400) or `invalid_grant` (the code belongs to another client, 400).
 */
export function expectClientRefused(result: TokenResult, what: string): void {
  expect(result.ok, `${what}: no access token`).toBe(false);
  if (result.ok) return;
  expect(
    ['invalid_client', 'invalid_grant'],
    `${what}: the error is invalid_client or invalid_grant (RFC 6749 §5.2), got ${result.status} ${result.error}`,
  ).toContain(result.error);
  expect([400, 401], `${what}: HTTP 400 or 401`).toContain(result.status);
}

/**
 * An authorization request the portal must refuse in place (RFC 6749 §4.1.2.1: an invalid
 * redirect URI or client id is shown to the person, never redirected): 4xx, an error on the
 * portal's page, nothing handed to the app; the reason judged where the target declares one.
 */
export async function expectAuthorizationRefused(
  target: HarnessTarget,
  app: AppUnderTest,
  options: StartLoginOptions,
  reasons: readonly ReasonCode[],
  what: string,
): Promise<void> {
  const tab = await app.native.browserTab();
  const watch = await watchRefusal(target, undefined, tab);
  const login = await app.native.startLogin(options);
  try {
    expect(login.authorizeAnswer?.url, `${what}: the authorization request is answered in place, not redirected`).toBe(login.authorizeUrl);
    expect(login.authorizeAnswer?.status, `${what}: the authorization request is refused (4xx)`).toBeGreaterThanOrEqual(400);
    expect(login.authorizeAnswer?.status).toBeLessThan(500);
    await login.portal.refusal.expectShown();
    await expectOnPortal(login.portal, `the ${app.native.name}'s authorization request`);
    expect(login.appReceivedRedirect, `${what}: nothing reaches the app`).toBe(false);
    if (reasons.length > 0) await watch.judge(reasons, what);
  } finally {
    await login.stopListening();
  }
}
