// Starting and finishing an SSO login, for the three ways one begins: a seat logging in (email
// first, or the sign-on URL), the admin's Test SSO (nobody is logged in; the result is recorded
// against the configuration version), and an IdP-initiated SAML response.
import type { Request, Response } from 'express';
import type { ReasonCode } from '../../lib/index.ts';
import { clearCookie, readCookie, setCookie } from '../auth/cookies.ts';
import { startSession } from '../auth/requestState.ts';
import { randomToken, sha256 } from '../auth/tokens.ts';
import type { PortalContext } from '../context.ts';
import { defectOn } from '../defects.ts';
import type { Account, Seat } from '../db/accounts.ts';
import type { PendingLoginRecord, PendingPurpose } from '../db/pendingLogins.ts';
import type { SsoConfigRecord } from '../db/ssoConfigs.ts';
import type { SsoResult } from '../sso/contract.ts';
import { OidcStartError, startOidcLogin } from '../sso/oidcLogin.ts';
import { startSamlLogin } from '../sso/samlLogin.ts';
import { spEndpointsFor } from '../sso/spEndpoints.ts';
import { sendErrorPage, sendPage } from './layout.ts';
import { refuse, setReasonHeader } from './refusal.ts';
import { safeReturnTo } from './returnTo.ts';

export interface SsoStart {
  readonly account: Account;
  readonly config: SsoConfigRecord;
  readonly purpose: PendingPurpose;
  readonly returnTo?: string;
}

/** Redirect the browser to the IdP, keeping the login's state server-side under a fresh cookie. */
export async function startSso(ctx: PortalContext, res: Response, start: SsoStart): Promise<void> {
  const sp = spEndpointsFor(ctx.baseUrl(), start.account.id, ctx.skin.paths.sp);
  const now = ctx.now();
  const T = ctx.skin.text;
  const settings = start.config.settings;
  let redirectUrl: string;
  let state: PendingLoginRecord['state'];
  try {
    if (settings.protocol === 'saml') {
      const started = startSamlLogin(settings, sp, { now });
      redirectUrl = started.redirectUrl;
      state = started.pending;
    } else {
      const started = await startOidcLogin(settings, sp);
      redirectUrl = started.url;
      state = started.pending;
    }
  } catch (error) {
    const action = start.purpose === 'test' ? 'sso.test.failed' : 'sso.login.start-failed';
    const actor = ctx.skin.actors.portal;
    // The OIDC discovery document cannot be fetched (IdP down, issuer changed) or names another
    // issuer: a refusal with its reason code, as every other SSO failure has.
    if (error instanceof OidcStartError) {
      refuse(ctx, res, {
        reason: error.reason,
        detail: T.loginStartFailedDetail(error.message),
        accountId: start.account.id,
        actor,
        action,
        status: 502,
        heading: T.idpUnreachableHeading,
      });
      return;
    }
    const detail = T.loginStartFailedDetail((error as Error).message);
    ctx.store.audit.record({ accountId: start.account.id, actor, action, detail }, now.getTime());
    sendErrorPage(ctx, res, 502, T.idpUnreachableHeading, `${detail} ${T.loginStartFailedAdvice}`);
    return;
  }
  const cookie = randomToken();
  ctx.store.pendingLogins.put(
    sha256(cookie),
    {
      accountId: start.account.id,
      purpose: start.purpose,
      configVersion: start.config.version,
      state,
      ...(start.returnTo ? { returnTo: start.returnTo } : {}),
      expiresAt: now.getTime() + ctx.timings.pendingLoginMs,
    },
    now.getTime(),
  );
  setCookie(res, ctx.skin.cookies.pendingLogin, cookie, ctx.timings.pendingLoginMs);
  res.redirect(303, redirectUrl);
}

/** The pending login of this browser (consumed: one response per login, whatever the outcome). */
export function takePendingLogin(ctx: PortalContext, req: Request, res: Response): PendingLoginRecord | undefined {
  const cookie = readCookie(req, ctx.skin.cookies.pendingLogin);
  if (!cookie) return undefined;
  clearCookie(res, ctx.skin.cookies.pendingLogin);
  return ctx.store.pendingLogins.take(sha256(cookie), ctx.now().getTime());
}

type SeatMatch = { readonly ok: true; readonly seat: Seat } | { readonly ok: false; readonly reason: ReasonCode; readonly detail: string };

/** The seat an SSO identity logs in as: email matched case-insensitively within the account. */
export function matchSeat(ctx: PortalContext, account: Account, email: string): SeatMatch {
  const T = ctx.skin.text;
  const own = ctx.store.seats.findByEmail(account.id, email);
  const anyAccount = (): Seat[] => ctx.store.accounts.withSeatEmail(email).flatMap((other) => ctx.store.seats.findByEmail(other.id, email));
  // Defect switches: a seat of this email in any account when this account has none, or the first
  // seat of this email in any account, oldest account first (a global user lookup; emails taken as unique).
  const seats = defectOn(ctx.defects, 'seat-lookup-global-first')
    ? anyAccount().slice(0, 1)
    : own.length === 0 && defectOn(ctx.defects, 'seat-lookup-any-account')
      ? anyAccount()
      : own;
  const enabled = seats.filter((seat) => !seat.disabled);
  if (seats.length === 0) return { ok: false, reason: 'no-seat-for-email', detail: T.noSeatForEmailDetail(email, account) };
  if (enabled.length === 0) return { ok: false, reason: 'seat-disabled', detail: T.seatForEmailDisabledDetail(email) };
  const [only] = enabled;
  if (enabled.length > 1 || !only)
    return { ok: false, reason: 'no-seat-for-email', detail: T.sharedSeatEmailDetail(enabled.length, email, account) };
  return { ok: true, seat: only };
}

export interface SsoFinish {
  readonly account: Account;
  readonly purpose: PendingPurpose;
  readonly configVersion: number;
  readonly result: SsoResult;
  readonly pending?: PendingLoginRecord;
  /** RelayState of a SAML response: followed only when it is a portal path. */
  readonly relayState?: string;
}

export function finishSso(ctx: PortalContext, req: Request, res: Response, finish: SsoFinish): void {
  const { account, result } = finish;
  const now = ctx.now().getTime();
  const { text: T, actors: A } = ctx.skin;
  const match = result.ok ? matchSeat(ctx, account, result.identity.email) : undefined;
  const failure = !result.ok
    ? { reason: result.reason, detail: result.detail }
    : match && !match.ok
      ? { reason: match.reason, detail: match.detail }
      : undefined;

  if (finish.purpose === 'test') {
    const email = result.ok ? result.identity.email : undefined;
    ctx.store.ssoConfigs.recordTest(account.id, {
      version: testedVersion(ctx, account.id, finish.configVersion),
      ok: failure === undefined,
      ...(failure ? { reason: failure.reason } : {}),
      detail: failure?.detail ?? T.testPassedDetail(email ?? ''),
      ...(email ? { email } : {}),
      testedAt: now,
    });
    ctx.store.audit.record(
      {
        accountId: account.id,
        actor: A.testSso,
        action: failure ? 'sso.test.failed' : 'sso.test.passed',
        ...(failure ? { reason: failure.reason } : {}),
        detail: T.auditTestResult(finish.configVersion, failure?.detail, email ?? ''),
      },
      now,
    );
    if (result.ok) observe(ctx, account, finish.configVersion, result.identity.certificateWarnings);
    if (failure) setReasonHeader(ctx, res, failure.reason);
    sendPage(ctx, res, {
      title: T.titles.testResult,
      body: ctx.skin.views.testResult({
        version: finish.configVersion,
        ...(vendorOf(ctx, account.id) ? { vendor: vendorOf(ctx, account.id)! } : {}),
        ...(result.ok ? { identity: result.identity } : {}),
        ...(match?.ok ? { seat: match.seat } : {}),
        ...(failure ? { failure } : {}),
      }),
    });
    return;
  }

  if (failure || !match?.ok) {
    const email = result.ok ? result.identity.email : undefined;
    refuse(ctx, res, {
      reason: failure?.reason ?? 'no-seat-for-email',
      detail: failure?.detail ?? '',
      accountId: account.id,
      actor: A.ssoIdentity(email),
      action: 'sso.login.refused',
    });
    return;
  }
  startSession(ctx, req, res, 'seat', match.seat.id, 'sso');
  ctx.store.audit.record(
    {
      accountId: account.id,
      actor: A.seat(match.seat),
      action: 'sso.login.succeeded',
      detail: T.auditSsoLogin(finish.pending !== undefined, finish.result.ok ? finish.result.identity.emailSource : undefined),
    },
    now,
  );
  if (result.ok) observe(ctx, account, finish.configVersion, result.identity.certificateWarnings);
  const target = safeReturnTo(finish.pending?.returnTo, ctx.defects) ?? safeReturnTo(finish.relayState, ctx.defects) ?? ctx.skin.paths.home;
  res.redirect(303, target);
}

/** Remember what an accepted login saw about the configuration (the IdP and SSO section shows it). */
function observe(ctx: PortalContext, account: Account, version: number, warnings: readonly string[] | undefined): void {
  ctx.store.ssoConfigs.recordObservation(account.id, version, warnings ?? [], ctx.now().getTime());
}

/**
 * The version a Test SSO result is recorded for: the one the test started with (the one saved when the IdP answered, with a defect switch:
 * portal/defects.ts).
 */
export function testedVersion(ctx: PortalContext, accountId: number, startedWith: number): number {
  return defectOn(ctx.defects, 'test-result-for-current-version')
    ? (ctx.store.ssoConfigs.current(accountId)?.version ?? startedWith)
    : startedWith;
}

/** The vendor of the account's saved SSO configuration, if any. */
function vendorOf(ctx: PortalContext, accountId: number): string | undefined {
  return ctx.store.ssoConfigs.current(accountId)?.settings.vendor;
}
