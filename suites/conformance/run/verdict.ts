// What a correct SP must have done with a scenario, judged by what any portal shows:
// - refused: the browser ends on a portal page showing an error (a 4xx answer or role=alert), no
//   seat session anywhere (read through the target), no session cookie (where the target names
//   its cookie), no off-site redirect, and nothing further at the IdP (no userinfo call after a
//   refused ID token, no second code redemption, no IdP call after a refused SAML response);
// - accepted: the browser lands on a portal page, and exactly one new live session exists — the
//   seat's who signed in at the IdP; with a warning, Test SSO shows the admin one (role=note).
// The reason a refusal names is checked where the target declares how to read it, and is never
// the verdict: a wrong one is a warning-level finding ("refused, but for another reason").
import type { ReasonCode, HttpPage } from '../../../lib/index.ts';
import type { NameKey } from '../../driver/reference/names.ts';
import type { HarnessTarget } from '../../target/harnessTarget.ts';
import { auditEventsAdded, judgeReason, type ReasonVerdict } from '../../target/reasonCheck.ts';
import { visibleText } from '../../../lib/index.ts';
import { errorShown } from '../http/portalOverHttp.ts';
import type { Scenario } from '../scenario.ts';
import type { Observation } from './runScenario.ts';

/** Refusals about the ID token itself: after one, the SP must not call the IdP again (userinfo). */
const ID_TOKEN_REASONS: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  'oidc-issuer-mismatch',
  'oidc-audience-mismatch',
  'oidc-signature-invalid',
  'oidc-alg-not-allowed',
  'oidc-expired',
  'oidc-claim-missing',
  'oidc-nonce-mismatch',
  'oidc-hash-mismatch',
]);

/** The configuration form field a config-refusal names, as the driver's name of its label. */
const FIELD_NAMES: Readonly<Record<string, NameKey>> = {
  issuer: 'issuer',
  metadataUrl: 'metadataUrl',
  clientId: 'clientId',
  clientSecret: 'clientSecret',
};

export interface Judgement {
  /** One line: what the target did (the `observed` annotation the conformance report shows). */
  readonly observed: string;
  /** What the target did wrong; empty when it behaved as a correct SP. */
  readonly problems: readonly string[];
  /** Refusals: whether the reason was verified (undefined for other expectations). */
  readonly reason?: ReasonVerdict;
}

const excerpt = (page: HttpPage): string => `${page.url} (HTTP ${page.status}): ${visibleText(page.html).slice(0, 200)}`;

function tokenAnswer(token: HttpPage): { readonly error?: string; readonly accessToken: boolean } {
  try {
    const body = JSON.parse(token.html) as Record<string, unknown>;
    return { ...(typeof body.error === 'string' ? { error: body.error } : {}), accessToken: typeof body.access_token === 'string' };
  } catch {
    return { accessToken: false };
  }
}

/** Session cookies the portal set (cookies of the IdPs, on the same loopback host, are theirs). */
function sessionCookiesSet(observation: Observation, cookie: string | undefined): string[] {
  if (cookie === undefined) return [];
  const portal = observation.account.http.origin;
  return observation.attempt.cookiesSet
    .filter((entry) => new URL(entry.url).origin === portal)
    .map((entry) => entry.cookie)
    .filter(
      (header) =>
        header.startsWith(`${cookie}=`) &&
        !/^[^=]+=;/.test(header) &&
        !/max-age=0\b/i.test(header) &&
        !/expires=thu, 01 jan 1970/i.test(header),
    );
}

class Findings {
  readonly problems: string[] = [];

  check(ok: boolean, problem: string): void {
    if (!ok) this.problems.push(problem);
  }
}

async function checkNothingFurtherAtIdp(
  findings: Findings,
  scenario: Scenario,
  observation: Observation,
  expected: readonly ReasonCode[],
): Promise<void> {
  const after = await observation.account.idp.requests({ after: observation.mark });
  const kinds = after.map((entry) => entry.kind);
  if (scenario.protocol === 'oidc') {
    const tokens = kinds.filter((kind) => kind === 'oidc.token').length;
    const allowed = scenario.flow === 'oidc-callback-replay' || expected.includes('oidc-state-mismatch') ? 0 : 1;
    findings.check(
      tokens <= allowed,
      `the SP redeemed the authorization code ${tokens} time(s), at most ${allowed} expected (IdP request log: ${kinds.join(', ')})`,
    );
    if (expected.some((reason) => ID_TOKEN_REASONS.has(reason))) {
      findings.check(!kinds.includes('oidc.userinfo'), "after refusing the ID token the SP still called the IdP's userinfo endpoint");
    }
  } else {
    const lastIssued = kinds.findLastIndex((kind) => kind === 'saml.response-issued' || kind === 'saml.response-replayed');
    const later = lastIssued < 0 ? [] : kinds.slice(lastIssued + 1);
    findings.check(later.length === 0, `after the refused SAML response, the IdP was called again: ${later.join(', ')}`);
  }
}

/** What the attempt's page shows, in words. */
function describePage(observation: Observation, page: HttpPage, newSessionsOfLogin: number): string {
  const http = observation.account.http;
  if (page.notFollowed === 'off-site') return `redirected off-site to ${page.url}`;
  if (page.notFollowed === 'stopped') return `returned to the app (${new URL(page.url).origin})`;
  if (http.onPortal(page)) {
    if (errorShown(page)) return `refused by the portal (HTTP ${page.status})`;
    // Who is signed in stays out of the annotation: reports need the outcome, not the person.
    if (newSessionsOfLogin > 0) return `logged in with single sign-on, landed on ${new URL(page.url).pathname}`;
    return `portal page ${new URL(page.url).pathname} (HTTP ${page.status}) without an error and without a new session: ${visibleText(page.html).slice(0, 160)}`;
  }
  const alert = /role="alert"[^>]*>([\s\S]*?)<\/(?:div|p)>/.exec(page.html)?.[1];
  return `stopped at the IdP (HTTP ${page.status}): ${visibleText(alert ?? page.html).slice(0, 160)}`;
}

export async function judgeScenario(scenario: Scenario, observation: Observation, target: HarnessTarget): Promise<Judgement> {
  const { page, attempt, before, login } = observation;
  const expectation = scenario.expectation;
  const capabilities = target.capabilities;
  const state = await target.accountState(observation.account.accountId);
  const added = auditEventsAdded(before.auditEvents, state.auditEvents);
  const sessions = state.seatSessions - before.seatSessions - observation.legitimateSessions;
  const ofLogin =
    state.sessions.filter((session) => session.email.toLowerCase() === login.email.toLowerCase()).length -
    (before.sessionsByEmail.get(login.email.toLowerCase()) ?? 0);
  const findings = new Findings();
  findings.check(attempt.offSite.length === 0, `the browser was sent off-site (open redirect): ${attempt.offSite.join(', ')}`);
  let observed = '';
  let reason: ReasonVerdict | undefined;

  switch (expectation.kind) {
    case 'portal-refusal': {
      if (!page) throw new Error(`${scenario.id}: the ${scenario.flow} flow recorded no page to judge.`);
      observed = describePage(observation, page, ofLogin - observation.legitimateSessions);
      findings.check(
        observation.account.http.onPortal(page) && errorShown(page),
        `the login should end on a portal page showing an error (a 4xx answer or role=alert); it ended at ${excerpt(page)}`,
      );
      findings.check(
        sessionCookiesSet(observation, capabilities.sessionCookie).length === 0,
        `a session cookie (${capabilities.sessionCookie ?? ''}) was set on a refused login`,
      );
      findings.check(sessions === 0, `a refused login left ${sessions} new seat session(s)`);
      await checkNothingFurtherAtIdp(findings, scenario, observation, expectation.reasons);
      reason = judgeReason(capabilities, expectation.reasons, {
        headers: page.headers,
        html: page.html,
        ...(expectation.auditedInAccount ? { auditEvents: added } : {}),
      });
      break;
    }
    case 'idp-refusal': {
      if (!page) throw new Error(`${scenario.id}: the ${scenario.flow} flow recorded no page to judge.`);
      observed = describePage(observation, page, ofLogin);
      findings.check(
        !observation.account.http.onPortal(page) && visibleText(page.html).includes(expectation.shows),
        `the IdP should refuse on its own page ("${expectation.shows}"); the login ended at ${excerpt(page)}`,
      );
      const sp = observation.account.sp;
      const reachedSp = attempt.hops.filter((hop) => hop.url.startsWith(sp.acsUrl) || hop.url.startsWith(sp.oidcRedirectUri));
      findings.check(reachedSp.length === 0, `the SP was reached after the IdP refused: ${reachedSp.map((hop) => hop.url).join(', ')}`);
      findings.check(sessionCookiesSet(observation, capabilities.sessionCookie).length === 0, 'a session cookie was set');
      findings.check(sessions === 0, `${sessions} new seat session(s) although the IdP refused`);
      break;
    }
    case 'config-refusal': {
      const save = observation.configSave;
      if (!save) throw new Error(`${scenario.id}: the ${scenario.flow} flow recorded no configuration save to judge.`);
      const label = target.names[FIELD_NAMES[expectation.field] ?? 'issuer'];
      observed = save.saved ? 'configuration saved' : `refused: configuration not saved (${save.alert.slice(0, 120)})`;
      findings.check(
        !save.saved,
        'saving the configuration should be refused (an alert, the field to fix marked invalid); the portal saved it',
      );
      if (!save.saved)
        findings.check(
          save.invalidFields.includes(label),
          `the refusal does not mark the field to fix ("${label}") invalid (aria-invalid); marked: ${save.invalidFields.join(', ') || 'none'}`,
        );
      findings.check(
        state.sso.version === before.ssoVersion,
        `a refused configuration was saved (version ${String(before.ssoVersion)} → ${String(state.sso.version)})`,
      );
      findings.check(state.sso.enabled, 'SSO was switched off by a refused save');
      break;
    }
    case 'app-refusal': {
      const token = observation.token;
      if (!token) {
        observed = page ? describePage(observation, page, ofLogin) : 'the app never got a code';
        findings.check(false, `the app never got a code to redeem: the browser ended at ${page ? excerpt(page) : 'nothing'}`);
        break;
      }
      const answer = tokenAnswer(token);
      observed = answer.accessToken
        ? 'app token issued'
        : `app token refused (HTTP ${token.status}${answer.error ? `, ${answer.error}` : ''})`;
      findings.check(!answer.accessToken, 'the token endpoint issued an access token');
      findings.check(
        token.status === 400 && answer.error === 'invalid_grant',
        `the token endpoint should refuse with HTTP 400 invalid_grant (RFC 6749 §5.2); it answered HTTP ${token.status}: ${token.html.slice(0, 300)}`,
      );
      findings.check(sessions === 0, `${sessions} unexpected new seat session(s)`);
      reason = judgeReason(capabilities, [expectation.reason], { headers: token.headers, auditEvents: added });
      break;
    }
    case 'accepted': {
      if (!page) throw new Error(`${scenario.id}: the ${scenario.flow} flow recorded no page to judge.`);
      const loggedIn = ofLogin - observation.legitimateSessions;
      observed = describePage(observation, page, loggedIn);
      if (expectation.anyPortalPage)
        findings.check(
          observation.account.http.onPortal(page) && page.status < 500,
          `the login should land on a page of the portal (the attacker chose where); ${observed} at ${excerpt(page)}`,
        );
      else
        findings.check(
          observation.account.http.onPortal(page) && page.status >= 200 && page.status < 300 && !errorShown(page),
          `the login should succeed on a portal page without an error; ${observed} at ${excerpt(page)}`,
        );
      findings.check(sessions === 1, `expected exactly one new seat session, found ${sessions}`);
      findings.check(
        loggedIn === 1,
        `the new session should be ${login.email}'s (who signed in at the IdP); ${login.email} has ${loggedIn} new session(s)`,
      );
      if (expectation.warning) {
        const result = observation.testSso;
        observed += result ? (result.warnings.length > 0 ? '; Test SSO shows a warning' : '; Test SSO shows no warning') : '';
        findings.check(
          result?.passed === true,
          `Test SSO should pass with the same fault${result && !result.passed ? `; it shows: ${result.alert}` : ''}`,
        );
        findings.check(
          result !== undefined && result.warnings.length > 0,
          'the admin is not warned: the Test SSO result shows no warning (role=note)',
        );
      }
      break;
    }
  }
  return { observed, problems: findings.problems, ...(reason ? { reason } : {}) };
}
