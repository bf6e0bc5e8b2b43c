// What a correct SP must have done with a scenario, checked against what the harness observed.
// Reject: an error page naming the reason (X-OE-Reason header and code[data-reason]), no session
// cookie, no seat logged in (read through the target, not the page), an audit event with the
// reason, and nothing further (no off-site redirect, no IdP call after a refused ID token, no
// second code redemption). Accept: the seat lands on a portal page, logged in, warned if needed.
import { expect } from '@playwright/test';
import type { ReasonCode } from '../../../lib/reasons.ts';
import type { AuditEvent, HarnessTarget } from '../../target/harnessTarget.ts';
import { attributeValues, visibleText } from '../http/htmlForms.ts';
import type { HttpPage } from '../http/httpBrowser.ts';
import { expectationSummary, type Scenario } from '../scenario.ts';
import type { Observation } from './runScenario.ts';

/** The portal's seat session cookie (a real OE target names its own in the target file one day). */
export const SESSION_COOKIE = 'oe_session';

/** Refusals about the ID token itself: after one, the SP must not call the IdP again (userinfo). */
const ID_TOKEN_REASONS: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  'oidc-issuer-mismatch', 'oidc-audience-mismatch', 'oidc-signature-invalid', 'oidc-alg-not-allowed',
  'oidc-expired', 'oidc-claim-missing', 'oidc-nonce-mismatch', 'oidc-hash-mismatch',
]);

export function reasonOf(page: HttpPage): { readonly header?: string; readonly codes: readonly string[] } {
  const header = page.headers['x-oe-reason'];
  return { ...(header === undefined ? {} : { header }), codes: attributeValues(page.html, 'code', 'data-reason') };
}

function onPortal(page: HttpPage, portalUrl: string): boolean {
  return page.notFollowed === undefined && new URL(page.url).origin === new URL(portalUrl).origin;
}

function signedInText(page: HttpPage): string | undefined {
  return /<p role="status" id="signed-in-as">([\s\S]*?)<\/p>/.exec(page.html)?.[1]?.replace(/\s+/g, ' ').trim();
}

function tokenAnswer(token: HttpPage): { readonly reason?: string; readonly accessToken: boolean } {
  try {
    const body = JSON.parse(token.html) as Record<string, unknown>;
    return { ...(typeof body.reason === 'string' ? { reason: body.reason } : {}), accessToken: typeof body.access_token === 'string' };
  } catch {
    return { accessToken: false };
  }
}

/** One line: what the target did (the `observed` annotation the conformance report shows). */
export function describeObserved(observation: Observation, portalUrl: string): string {
  const { page, token, testSso } = observation;
  if (token) {
    const answer = tokenAnswer(token);
    return answer.accessToken ? 'app token issued' : `app token refused (HTTP ${token.status}${answer.reason ? `, ${answer.reason}` : ''})`;
  }
  if (page.notFollowed === 'off-site') return `redirected off-site to ${page.url}`;
  if (page.notFollowed === 'stopped') return `returned to the app (${new URL(page.url).origin})`;
  if (onPortal(page, portalUrl)) {
    const reason = reasonOf(page).header;
    if (reason) return `refused by the portal (${reason})`;
    // Who is signed in stays out of the annotation: reports need the outcome, not the person.
    if (signedInText(page)) return `logged in with single sign-on, landed on ${new URL(page.url).pathname}${testSso ? (hasWarning(testSso) ? '; Test SSO shows a warning' : '; Test SSO shows no warning') : ''}`;
    return `portal page ${new URL(page.url).pathname} (HTTP ${page.status}): ${visibleText(page.html).slice(0, 160)}`;
  }
  const alert = /role="alert"[^>]*>([\s\S]*?)<\/(?:div|p)>/.exec(page.html)?.[1];
  return `stopped at the IdP (HTTP ${page.status}): ${visibleText(alert ?? page.html).slice(0, 160)}`;
}

function hasWarning(page: HttpPage): boolean {
  return /<div class="warning" role="note">/.test(page.html);
}

function sessionCookiesSet(observation: Observation): string[] {
  return observation.attempt.cookiesSet
    .map((entry) => entry.cookie)
    .filter((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`) && !/^[^=]+=;/.test(cookie) && !/max-age=0\b/i.test(cookie));
}

/** Events recorded since the scenario started (a multiset difference: no assumption on the list's order). */
function newAuditEvents(events: readonly AuditEvent[], observation: Observation): readonly AuditEvent[] {
  const earlier = new Map<string, number>();
  for (const event of observation.before.auditEvents) earlier.set(JSON.stringify(event), (earlier.get(JSON.stringify(event)) ?? 0) + 1);
  return events.filter((event) => {
    const key = JSON.stringify(event);
    const count = earlier.get(key) ?? 0;
    if (count === 0) return true;
    earlier.set(key, count - 1);
    return false;
  });
}

/** What the SP did that a correct SP does not; checked all at once so a failure lists every problem. */
class Findings {
  readonly problems: string[] = [];

  check(ok: boolean, problem: string): void {
    if (!ok) this.problems.push(problem);
  }
}

async function checkNothingFurtherAtIdp(findings: Findings, scenario: Scenario, observation: Observation, refusedFor: string | undefined): Promise<void> {
  const after = await observation.account.idp.requests({ after: observation.mark });
  const kinds = after.map((entry) => entry.kind);
  if (scenario.protocol === 'oidc') {
    const tokens = kinds.filter((kind) => kind === 'oidc.token').length;
    const allowed = scenario.flow === 'oidc-callback-replay' || refusedFor === 'oidc-state-mismatch' ? 0 : 1;
    findings.check(tokens <= allowed, `the SP redeemed the authorization code ${tokens} time(s), at most ${allowed} expected (IdP request log: ${kinds.join(', ')})`);
    if (refusedFor !== undefined && ID_TOKEN_REASONS.has(refusedFor as ReasonCode)) {
      findings.check(!kinds.includes('oidc.userinfo'), 'after refusing the ID token the SP still called the IdP\'s userinfo endpoint');
    }
  } else {
    const lastIssued = kinds.findLastIndex((kind) => kind === 'saml.response-issued' || kind === 'saml.response-replayed');
    const later = lastIssued < 0 ? [] : kinds.slice(lastIssued + 1);
    findings.check(later.length === 0, `after the refused SAML response, the IdP was called again: ${later.join(', ')}`);
  }
}

const excerpt = (page: HttpPage): string => `${page.url} (HTTP ${page.status}): ${visibleText(page.html).slice(0, 200)}`;

export async function expectVerdict(scenario: Scenario, observation: Observation, target: HarnessTarget): Promise<void> {
  const { page, attempt } = observation;
  const expectation = scenario.expectation;
  const state = await target.accountState(observation.account.accountId);
  const added = newAuditEvents(state.auditEvents, observation);
  const sessions = state.seatSessions - observation.before.seatSessions - observation.legitimateSessions;
  const findings = new Findings();
  findings.check(attempt.offSite.length === 0, `the browser was sent off-site (open redirect): ${attempt.offSite.join(', ')}`);

  switch (expectation.kind) {
    case 'portal-refusal': {
      const reason = reasonOf(page);
      if (!onPortal(page, target.portalUrl) || reason.header === undefined) {
        findings.check(false, `the login should end on a portal refusal page naming ${expectation.reasons.join(' or ')}; it ended at ${excerpt(page)}`);
      } else {
        findings.check((expectation.reasons as readonly string[]).includes(reason.header), `refused with ${reason.header}, expected ${expectation.reasons.join(' or ')}: ${excerpt(page)}`);
        findings.check(reason.codes.includes(reason.header), `the refusal page does not name ${reason.header} in code[data-reason]`);
        findings.check(page.status >= 400 && page.status < 500, `a refusal is a 4xx page, not HTTP ${page.status}`);
        if (expectation.auditedInAccount) findings.check(added.some((event) => event.reason === reason.header), `no audit event records the refusal (${reason.header}); new events: ${added.map((event) => `${event.action}/${event.reason ?? '-'}`).join(', ') || 'none'}`);
      }
      findings.check(sessionCookiesSet(observation).length === 0, 'a session cookie was set on a refused login');
      findings.check(sessions === 0, `a refused login left ${sessions} new seat session(s)`);
      await checkNothingFurtherAtIdp(findings, scenario, observation, reason.header);
      break;
    }
    case 'idp-refusal': {
      findings.check(!onPortal(page, target.portalUrl) && visibleText(page.html).includes(expectation.shows), `the IdP should refuse on its own page ("${expectation.shows}"); the login ended at ${excerpt(page)}`);
      const sp = observation.account.sp;
      const reachedSp = attempt.hops.filter((hop) => hop.url.startsWith(sp.acsUrl) || hop.url.startsWith(sp.oidcRedirectUri));
      findings.check(reachedSp.length === 0, `the SP was reached after the IdP refused: ${reachedSp.map((hop) => hop.url).join(', ')}`);
      findings.check(sessionCookiesSet(observation).length === 0, 'a session cookie was set');
      findings.check(sessions === 0, `${sessions} new seat session(s) although the IdP refused`);
      break;
    }
    case 'config-refusal': {
      const summary = /<div role="alert"[^>]*id="error-summary"[^>]*>([\s\S]*?)<\/div>/.exec(page.html)?.[1] ?? '';
      findings.check(onPortal(page, target.portalUrl) && page.status === 422, `saving the configuration should be refused (HTTP 422); it ended at ${excerpt(page)}`);
      findings.check(summary.includes(`href="#${expectation.field}"`), `the error summary does not name the field to fix (${expectation.field})`);
      findings.check(state.sso.version === observation.before.ssoVersion, `a refused configuration was saved (version ${String(observation.before.ssoVersion)} → ${String(state.sso.version)})`);
      findings.check(state.sso.enabled, 'SSO was switched off by a refused save');
      break;
    }
    case 'app-refusal': {
      const token = observation.token;
      if (!token) {
        findings.check(false, `the app never got a code to redeem: the browser ended at ${excerpt(page)}`);
        break;
      }
      const answer = tokenAnswer(token);
      findings.check(!answer.accessToken, 'the token endpoint issued an access token');
      findings.check(token.status === 400 && answer.reason === expectation.reason && token.headers['x-oe-reason'] === expectation.reason, `the token endpoint should refuse with ${expectation.reason} (HTTP 400); it answered HTTP ${token.status}: ${token.html.slice(0, 300)}`);
      findings.check(added.some((event) => event.reason === expectation.reason), `no audit event records the refusal (${expectation.reason})`);
      findings.check(sessions === 0, `${sessions} unexpected new seat session(s)`);
      break;
    }
    case 'accepted': {
      const signedIn = signedInText(page);
      findings.check(signedIn !== undefined && onPortal(page, target.portalUrl), `the login should succeed on a portal page; ${describeObserved(observation, target.portalUrl)} at ${excerpt(page)}`);
      if (signedIn !== undefined) findings.check(signedIn.toLowerCase().includes(`signed in as ${observation.login.email.toLowerCase()}`), 'another seat than the one who signed in at the IdP is logged in');
      findings.check(sessions === 1, `expected exactly one new seat session, found ${sessions}`);
      findings.check(added.some((event) => event.action === 'sso.login.succeeded'), 'no audit event records the login');
      if (expectation.warning) {
        const result = observation.testSso;
        findings.check(result !== undefined && visibleText(result.html).includes('Test SSO passed'), `Test SSO should pass with the same fault${result ? `; it shows ${excerpt(result)}` : ''}`);
        findings.check(result !== undefined && hasWarning(result), 'the admin is not warned: the Test SSO result shows no warning');
      }
      break;
    }
  }
  expect(findings.problems, `${scenario.id}: expected ${expectationSummary(expectation)}; what the target did wrong`).toEqual([]);
}
