// Runs one scenario: switch the fault(s) on at the IdP (one-shot), drive the login its flow names
// in fresh cookie jars, and record everything the verdict needs — the last page, every hop, the
// cookies set, the token answer (native app), the Test SSO result (warnings) — plus the account's
// state before, so that "nothing happened" can be checked against it.
import { randomBytes } from 'node:crypto';
import type { AuditEvent, HarnessTarget } from '../../target/harnessTarget.ts';
import type { HttpBrowser, HttpPage } from '../http/httpBrowser.ts';
import type { IdpLogin } from '../http/idpSignInOverHttp.ts';
import type { Scenario } from '../scenario.ts';
import type { MatrixAccount } from '../setup/matrixAccounts.ts';
import { logOut } from '../setup/referencePortalSso.ts';
import {
  DESKTOP_CLIENT_ID, DESKTOP_REDIRECT_URI, authorizeUrl, idpInitiatedLogin, nativeAuthorize, pkcePair, saveConfigurationUnchanged, spInitiatedLogin, testSso,
} from './flows.ts';

/** An off-site address a forged RelayState / return URL / redirect URI points to. Never requested. */
export const EXTERNAL_URL = 'https://evil.example/phish';

export interface Observation {
  readonly account: MatrixAccount;
  /** The IdP request log mark taken just before the faulty delivery. */
  readonly mark: number;
  /** Live seat sessions and audit events of the account before the scenario. */
  readonly before: { readonly seatSessions: number; readonly auditEvents: readonly AuditEvent[]; readonly ssoVersion: number | null };
  /** The browser of the faulty attempt (hops, cookies set, refused off-site redirects). */
  readonly attempt: HttpBrowser;
  /** Where the faulty attempt ended. */
  readonly page: HttpPage;
  /** Native app flows: the token endpoint's answer. */
  readonly token?: HttpPage;
  /** Accepted with a warning: the Test SSO result page of the same fault. */
  readonly testSso?: HttpPage;
  /** Seat sessions opened on purpose around the faulty attempt (the legitimate first login of a replay). */
  readonly legitimateSessions: number;
  /** Who the attempt was for. */
  readonly login: IdpLogin;
}

export interface ScenarioContext {
  readonly target: HarnessTarget;
  readonly account: MatrixAccount;
  /** A fresh browser (own cookie jar). */
  readonly newBrowser: () => HttpBrowser;
}

export function loginFor(scenario: Scenario, account: MatrixAccount): IdpLogin {
  const as = scenario.loginAs;
  if (as === 'user') return account.user;
  if (as === 'admin') return account.admin;
  const login = account.seatFaultLogins.get(as.seatAudit);
  if (!login) throw new Error(`The matrix account for ${scenario.persona} has no seat-fault user for ${scenario.fault} (${as.seatAudit}).`);
  return login;
}

const onPortalHome = (page: HttpPage): boolean => page.status === 200 && new URL(page.url).pathname === '/home';

export async function runScenario(scenario: Scenario, ctx: ScenarioContext): Promise<Observation> {
  const { account, target } = ctx;
  const persona = scenario.persona;
  const switchOn = async (): Promise<void> => {
    for (const id of scenario.idpFaults) await account.idp.use(id, { once: true, persona });
  };
  const state = await target.accountState(account.accountId);
  const before = { seatSessions: state.seatSessions, auditEvents: state.auditEvents, ssoVersion: state.sso.version };
  const login = loginFor(scenario, account);
  const portalUrl = target.portalUrl;
  const attempt = ctx.newBrowser();
  const base = { account, before, attempt, login };

  switch (scenario.flow) {
    case 'sp-initiated':
    case 'sp-initiated-external-return': {
      const mark = await account.idp.mark();
      await switchOn();
      const page = await spInitiatedLogin(attempt, account, login, scenario.flow === 'sp-initiated-external-return' ? EXTERNAL_URL : undefined);
      if (scenario.expectation.kind === 'accepted' && scenario.expectation.warning && onPortalHome(page)) {
        await switchOn();
        return { ...base, mark, page, testSso: await testSso(attempt, account, portalUrl), legitimateSessions: 0 };
      }
      return { ...base, mark, page, legitimateSessions: 0 };
    }
    case 'idp-initiated': {
      const mark = await account.idp.mark();
      await switchOn();
      return { ...base, mark, page: await idpInitiatedLogin(attempt, account, login), legitimateSessions: 0 };
    }
    case 'idp-initiated-replay': {
      // The victim's legitimate login, then the attacker's browser delivers the same response again.
      const victim = ctx.newBrowser();
      const first = await idpInitiatedLogin(victim, account, login);
      if (!onPortalHome(first)) throw new Error(`The legitimate first delivery was not accepted (ended on ${first.url}, HTTP ${first.status}), so the replay cannot be judged.`);
      const mark = await account.idp.mark();
      await switchOn();
      return { ...base, mark, page: await idpInitiatedLogin(attempt, account, login), legitimateSessions: 1 };
    }
    case 'oidc-callback-replay': {
      // The IdP lets the code be redeemed twice; the attacker replays the callback URL it saw.
      const victim = ctx.newBrowser();
      await switchOn();
      const first = await spInitiatedLogin(victim, account, login);
      if (!onPortalHome(first)) throw new Error(`The legitimate login was not accepted (ended on ${first.url}, HTTP ${first.status}), so the replay cannot be judged.`);
      const callback = victim.hops.find((hop) => hop.url.startsWith(account.sp.oidcRedirectUri));
      if (!callback) throw new Error('The legitimate login never reached the portal\'s OIDC redirect URI.');
      const mark = await account.idp.mark();
      return { ...base, mark, page: await attempt.open(callback.url), legitimateSessions: 1 };
    }
    case 'native-wrong-verifier':
    case 'native-missing-verifier':
    case 'native-code-replay': {
      const mark = await account.idp.mark();
      const authorization = await nativeAuthorize(attempt, account, portalUrl, login);
      const redeem = (verifier: string | undefined): Promise<HttpPage> => attempt.post(`${portalUrl}/oauth/token`, {
        grant_type: 'authorization_code', code: authorization.code ?? '', redirect_uri: DESKTOP_REDIRECT_URI, client_id: DESKTOP_CLIENT_ID,
        ...(verifier === undefined ? {} : { code_verifier: verifier }),
      });
      // The system browser's SSO login itself is legitimate: one seat session.
      const sessions = authorization.code === undefined ? 0 : 1;
      if (authorization.code === undefined) return { ...base, mark, page: authorization.page, legitimateSessions: sessions };
      if (scenario.flow === 'native-code-replay') {
        const first = await redeem(authorization.verifier);
        if (first.status !== 200) throw new Error(`The legitimate code redemption was refused (HTTP ${first.status}: ${first.html.slice(0, 300)}).`);
        return { ...base, mark, page: authorization.page, token: await redeem(authorization.verifier), legitimateSessions: sessions };
      }
      const verifier = scenario.flow === 'native-wrong-verifier' ? pkcePair().verifier : undefined;
      return { ...base, mark, page: authorization.page, token: await redeem(verifier), legitimateSessions: sessions };
    }
    case 'reconfigure': {
      // The admin logs in (SSO is on, so through the IdP), then saves the configuration unchanged.
      const home = await spInitiatedLogin(attempt, account, login);
      if (!onPortalHome(home)) throw new Error(`The admin could not log in to reach the configuration (ended on ${home.url}, HTTP ${home.status}).`);
      const mark = await account.idp.mark();
      await switchOn();
      return { ...base, mark, page: await saveConfigurationUnchanged(attempt, portalUrl), legitimateSessions: 1 };
    }
    case 'native-external-redirect-uri': {
      const mark = await account.idp.mark();
      const { challenge } = pkcePair();
      const page = await attempt.open(authorizeUrl(portalUrl, `${EXTERNAL_URL}/oauth2/callback`, challenge, randomBytes(12).toString('base64url')));
      return { ...base, mark, page, legitimateSessions: 0 };
    }
  }
}

/** Log out every browser the scenario used, and switch off whatever fault was not consumed. */
export async function cleanUp(target: HarnessTarget, account: MatrixAccount, browsers: readonly HttpBrowser[]): Promise<void> {
  await account.idp.resetFaults();
  for (const browser of browsers) await logOut(browser, target.portalUrl);
}
