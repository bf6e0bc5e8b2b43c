// Runs one scenario: switch the fault(s) on at the IdP (one-shot), drive the login its flow names
// in fresh cookie jars (or, where the portal's own pages are the subject — Test SSO's warning, a
// configuration saved again — in a browser through the target's PortalDriver), and record
// everything the verdict needs: the last page, every hop, the cookies set, the token answer (native
// app), plus the account's state before, so that "nothing happened" can be checked against it.
import { randomBytes } from 'node:crypto';
import { PERSONAS } from '../../../mock-idps/index.ts';
import type { PortalDriver, SaveOutcome, TestSsoResult } from '../../driver/portalDriver.ts';
import { CouldNotRunError } from '../../target/couldNotRun.ts';
import { ssoSetUp } from '../../flows/ssoSetUp.ts';
import { throughIdp as throughIdpInBrowser } from '../../idp/idpSignIn.ts';
import type { AuditEvent, HarnessTarget } from '../../target/harnessTarget.ts';
import type { HttpBrowser, HttpPage } from '../../../lib/index.ts';
import type { IdpLogin } from '../http/idpSignInOverHttp.ts';
import type { Scenario } from '../scenario.ts';
import { samlChoicesOf, type MatrixAccount } from '../setup/matrixAccounts.ts';
import { EXTERNAL_URL } from '../catalogScenarios.ts';
import { authorizeUrl, idpInitiatedLogin, nativeAuthorize, pkcePair, redeemNativeCode, spInitiatedLogin, throughIdp } from './flows.ts';

export interface AccountBefore {
  readonly seatSessions: number;
  /** Live sessions per seat email (lower case). */
  readonly sessionsByEmail: ReadonlyMap<string, number>;
  readonly auditEvents: readonly AuditEvent[];
  readonly ssoVersion: number | null;
}

export interface Observation {
  readonly account: MatrixAccount;
  /** The IdP request log mark taken just before the faulty delivery. */
  readonly mark: number;
  /** Live seat sessions and audit events of the account before the scenario. */
  readonly before: AccountBefore;
  /** The browser of the faulty attempt (hops, cookies set, refused off-site redirects). */
  readonly attempt: HttpBrowser;
  /** Where the faulty attempt ended (HTTP-level flows). */
  readonly page?: HttpPage;
  /** Native app flows: the token endpoint's answer. */
  readonly token?: HttpPage;
  /** Accepted with a warning: the Test SSO result the admin saw with the same fault (in a browser). */
  readonly testSso?: TestSsoResult;
  /** A configuration saved again while the IdP is faulty (in a browser): what the portal did. */
  readonly configSave?: SaveOutcome;
  /** Seat sessions opened on purpose around the faulty attempt (the legitimate first login of a replay, the admin's own login). */
  readonly legitimateSessions: number;
  /** Who the attempt was for. */
  readonly login: IdpLogin;
}

export interface ScenarioContext {
  readonly target: HarnessTarget;
  readonly account: MatrixAccount;
  /** A fresh browser (own cookie jar). */
  readonly newBrowser: () => HttpBrowser;
  /** The account's admin, signed in with SSO in a browser of their own, for the steps on the portal's own pages. */
  readonly adminDriver: () => Promise<PortalDriver>;
}

export function loginFor(scenario: Scenario, account: MatrixAccount): IdpLogin {
  const as = scenario.loginAs;
  if (as === 'user') return account.user;
  if (as === 'admin') return account.admin;
  const login = account.seatFaultLogins.get(as.seatAudit);
  if (!login) throw new Error(`The matrix account for ${scenario.persona} has no seat-fault user for ${scenario.fault} (${as.seatAudit}).`);
  return login;
}

/** A login the harness needs to succeed (the legitimate half of a replay): on the portal, no error shown. */
const succeeded = (account: MatrixAccount, page: HttpPage): boolean =>
  account.http.onPortal(page) && page.status >= 200 && page.status < 300 && !/role\s*=\s*["']alert["']/i.test(page.html);

export async function accountBefore(target: HarnessTarget, accountId: number): Promise<AccountBefore> {
  const state = await target.accountState(accountId);
  const sessionsByEmail = new Map<string, number>();
  for (const session of state.sessions)
    sessionsByEmail.set(session.email.toLowerCase(), (sessionsByEmail.get(session.email.toLowerCase()) ?? 0) + 1);
  return { seatSessions: state.seatSessions, sessionsByEmail, auditEvents: state.auditEvents, ssoVersion: state.sso.version };
}

export async function runScenario(scenario: Scenario, ctx: ScenarioContext): Promise<Observation> {
  const { account, target } = ctx;
  const persona = scenario.persona;
  const switchOn = async (): Promise<void> => {
    for (const id of scenario.idpFaults) await account.idp.use(id, { once: true, persona });
  };
  const before = await accountBefore(target, account.accountId);
  const login = loginFor(scenario, account);
  const attempt = ctx.newBrowser();
  const base = { account, before, attempt, login };

  switch (scenario.flow) {
    case 'sp-initiated':
    case 'sp-initiated-external-return': {
      const mark = await account.idp.mark();
      await switchOn();
      const page = await spInitiatedLogin(
        attempt,
        account,
        login,
        scenario.flow === 'sp-initiated-external-return' ? (scenario.returnPath ?? EXTERNAL_URL) : undefined,
      );
      if (scenario.expectation.kind === 'accepted' && scenario.expectation.warning && succeeded(account, page)) {
        // The warning is for the admin (who just logged in in this browser): Test SSO with the same fault.
        await switchOn();
        const overHttp = await account.http.testSso(attempt, (atIdp) => throughIdp(attempt, account, atIdp, account.admin));
        if (overHttp) return { ...base, mark, page, testSso: overHttp, legitimateSessions: 0 };
        // Not a server-rendered form: the same on the portal's pages, in the admin's browser (signed in without the fault).
        await account.idp.resetFaults();
        const sessions = (await target.accountState(account.accountId)).seatSessions;
        const admin = await ctx.adminDriver();
        const adminSessions = (await target.accountState(account.accountId)).seatSessions - sessions;
        await switchOn();
        await admin.sso.startTestSso();
        await throughIdpInBrowser(admin.page, PERSONAS[account.persona].loginFlow, account.admin, admin.sso.testSsoResultHeading);
        return { ...base, mark, page, testSso: await admin.sso.testSsoResult(), legitimateSessions: adminSessions };
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
      if (!succeeded(account, first))
        throw new Error(
          `The legitimate first delivery was not accepted (ended on ${first.url}, HTTP ${first.status}), so the replay cannot be judged.`,
        );
      const mark = await account.idp.mark();
      await switchOn();
      return { ...base, mark, page: await idpInitiatedLogin(attempt, account, login), legitimateSessions: 1 };
    }
    case 'oidc-callback-replay': {
      // The IdP lets the code be redeemed twice; the attacker replays the callback URL it saw.
      const victim = ctx.newBrowser();
      await switchOn();
      const first = await spInitiatedLogin(victim, account, login);
      if (!succeeded(account, first))
        throw new Error(
          `The legitimate login was not accepted (ended on ${first.url}, HTTP ${first.status}), so the replay cannot be judged.`,
        );
      const callback = victim.hops.find((hop) => hop.url.startsWith(account.sp.oidcRedirectUri));
      if (!callback) throw new Error("The legitimate login never reached the portal's OIDC redirect URI.");
      const mark = await account.idp.mark();
      return { ...base, mark, page: await attempt.open(callback.url), legitimateSessions: 1 };
    }
    case 'native-wrong-verifier':
    case 'native-missing-verifier':
    case 'native-code-replay': {
      const mark = await account.idp.mark();
      const authorization = await nativeAuthorize(attempt, account, login);
      // The system browser's SSO login itself is legitimate: one seat session.
      const sessions = authorization.code === undefined ? 0 : 1;
      if (authorization.code === undefined) return { ...base, mark, page: authorization.page, legitimateSessions: sessions };
      const code = authorization.code;
      if (scenario.flow === 'native-code-replay') {
        const first = await redeemNativeCode(attempt, account, code, authorization.verifier);
        if (first.status !== 200)
          throw new Error(`The legitimate code redemption was refused (HTTP ${first.status}: ${first.html.slice(0, 300)}).`);
        return {
          ...base,
          mark,
          page: authorization.page,
          token: await redeemNativeCode(attempt, account, code, authorization.verifier),
          legitimateSessions: sessions,
        };
      }
      const verifier = scenario.flow === 'native-wrong-verifier' ? pkcePair().verifier : undefined;
      return {
        ...base,
        mark,
        page: authorization.page,
        token: await redeemNativeCode(attempt, account, code, verifier),
        legitimateSessions: sessions,
      };
    }
    case 'reconfigure': {
      // The admin logs in (SSO is on, so through the IdP), then saves the same configuration again
      // while the IdP is faulty: over HTTP where IdP and SSO is a server-rendered form, else in a browser.
      const home = await spInitiatedLogin(attempt, account, login);
      if (!succeeded(account, home))
        throw new CouldNotRunError(
          "the admin's SSO login before saving the configuration again",
          new Error(`it ended on ${home.url} (HTTP ${home.status})`),
        );
      const mark = await account.idp.mark();
      await switchOn();
      const overHttp = await account.http.saveAgain(attempt, account.oidcClient?.clientSecret);
      if (overHttp) return { ...base, mark, configSave: overHttp, legitimateSessions: 1 };
      await account.idp.resetFaults();
      const sessions = (await target.accountState(account.accountId)).seatSessions;
      const admin = await ctx.adminDriver();
      const adminSessions = (await target.accountState(account.accountId)).seatSessions - sessions;
      const profile = scenario.profile;
      const browserMark = await account.idp.mark();
      await switchOn();
      const configSave = await ssoSetUp(admin, account.idp, PERSONAS[account.persona], {
        ...(account.oidcClient ? { oidcClient: account.oidcClient } : {}),
        ...(account.hostedDomain ? { hostedDomain: account.hostedDomain } : {}),
        ...samlChoicesOf(profile),
      }).trySavingIdpConfiguration();
      return { ...base, mark: browserMark, configSave, legitimateSessions: 1 + adminSessions };
    }
    case 'native-external-redirect-uri': {
      const mark = await account.idp.mark();
      const { challenge } = pkcePair();
      const page = await attempt.open(
        authorizeUrl(account, `${EXTERNAL_URL}/oauth2/callback`, challenge, randomBytes(12).toString('base64url')),
      );
      return { ...base, mark, page, legitimateSessions: 0 };
    }
  }
}

/** Log out every browser the scenario used, and switch off whatever fault was not consumed. */
export async function cleanUp(account: MatrixAccount, browsers: readonly HttpBrowser[]): Promise<void> {
  await account.idp.resetFaults();
  for (const browser of browsers) await account.http.logOut(browser);
}
