// The accounts a worker runs the matrix against: one per persona × SP profile, created on first
// use and kept for the worker's life. Each has its own IdP tenant (an IdP registers one app per
// persona and tenant, and its SP entity ID / ACS are the account's), an OE account whose seats are
// the tenant's admin and ordinary user plus the seat-fault seats (seatFaultSetups.ts; they never
// take part in other scenarios), the SP registered at the IdP from the account's own SP URLs, and
// SSO configured and enabled — through the target's fast SSO-configuration endpoint when it offers
// one, otherwise as the admin does it in the portal (password login, IdP and SSO, Test SSO, enable).
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext } from '@playwright/test';
import {
  IdpControlClient,
  type PublicUser,
  BOUNDARY_CLOCK_SKEW_SECONDS,
  issuesHostedDomain,
  PERSONAS,
  VENDOR_PERSONAS,
} from '../../../mock-idps/index.ts';
import type { PersonaId } from '../../../mock-idps/index.ts';
import type { PortalDriver } from '../../driver/portalDriver.ts';
import type { SecretRecorder } from '../../evidenceFixtures.ts';
import { configureSsoByApi } from '../../flows/ssoByApi.ts';
import { ssoSetUp, type SsoSetUpOptions } from '../../flows/ssoSetUp.ts';
import { throughIdp } from '../../idp/idpSignIn.ts';
import { samlProfile } from '../catalogScenarios.ts';
import { seatLoginFor } from '../../flows/testAccount.ts';
import { setUpStep } from '../../target/couldNotRun.ts';
import type { HarnessTarget, ProvisionedAccount } from '../../target/harnessTarget.ts';
import type { IdpLogin } from '../http/idpSignInOverHttp.ts';
import { PortalOverHttp } from '../http/portalOverHttp.ts';
import type { SpProfile } from '../scenario.ts';
import { SEAT_FAULT_SETUPS, fillSeatTemplate, type SeatAuditKind } from '../seatFaultSetups.ts';

export interface MatrixAccount {
  readonly persona: PersonaId;
  readonly profile: SpProfile;
  readonly idp: IdpControlClient;
  readonly accountId: number;
  readonly provisioned: ProvisionedAccount;
  readonly sp: ProvisionedAccount['urls']['sp'];
  /** The portal over plain HTTP, at this account's URLs. */
  readonly http: PortalOverHttp;
  readonly admin: IdpLogin;
  /** The admin seat's portal password (test only; never attached). */
  readonly adminPassword: string;
  /** OIDC: the client registered at the IdP (secret: test only, never attached). */
  readonly oidcClient?: { readonly clientId: string; readonly clientSecret: string };
  /** Google Workspace: the hd the account requires. */
  readonly hostedDomain?: string;
  readonly user: IdpLogin;
  /** Who signs in for each seat-fault kind. */
  readonly seatFaultLogins: ReadonlyMap<SeatAuditKind, IdpLogin>;
}

export function profileKey(persona: PersonaId, profile: SpProfile): string {
  return `${persona} ${JSON.stringify(profile)}`;
}

const loginOf = (user: PublicUser): IdpLogin => ({ email: user.email, upn: user.upn });

/** The SAML requirements of an SP profile, as the set-up options take them (nothing for OIDC). */
export function samlChoicesOf(profile: SpProfile): Pick<SsoSetUpOptions, 'saml'> {
  if (profile.protocol !== 'saml') return {};
  const { requireSignedResponse, requireSignedAssertion, allowIdpInitiated } = profile;
  return { saml: { requireSignedResponse, requireSignedAssertion, allowIdpInitiated } };
}

/** What the admin enters for an SP profile, in the portal or through the SSO configuration API: its SAML requirements, hd, the skew. */
function profileChoices(profile: SpProfile, hostedDomain: string | undefined): SsoSetUpOptions {
  return { ...samlChoicesOf(profile), ...(hostedDomain ? { hostedDomain } : {}), clockSkewSeconds: BOUNDARY_CLOCK_SKEW_SECONDS };
}

export class MatrixAccounts {
  readonly #target: HarnessTarget;
  readonly #browser: () => Promise<Browser>;
  readonly #secrets: SecretRecorder;
  readonly #accounts = new Map<string, Promise<MatrixAccount>>();
  readonly #adminBrowsers = new Map<number, Promise<{ readonly context: BrowserContext; readonly driver: PortalDriver }>>();

  /**
   * `browser`: a browser of the worker's, launched on first use (targets configured through the admin UI, pages that are no server-rendered
   * forms). `secrets`: told every secret the matrix creates (the reports' secrets scan must know them).
   */
  constructor(target: HarnessTarget, browser: () => Promise<Browser>, secrets: SecretRecorder = { record: () => undefined }) {
    this.#target = target;
    this.#browser = browser;
    this.#secrets = secrets;
  }

  get target(): HarnessTarget {
    return this.#target;
  }

  /** The account for this persona and profile; a failed set-up rejects with a CouldNotRunError naming the step. */
  account(persona: PersonaId, profile: SpProfile): Promise<MatrixAccount> {
    const key = profileKey(persona, profile);
    let account = this.#accounts.get(key);
    if (!account) {
      account = this.#create(persona, profile);
      // A failed set-up is not cached: the next scenario reports its own error.
      account.catch(() => this.#accounts.delete(key));
      this.#accounts.set(key, account);
    }
    return account;
  }

  /**
   * The account's admin, signed in with SSO in a browser of their own (once per account, kept for
   * the worker's life): the scenarios whose subject is the portal's own pages (Test SSO's warning, a
   * configuration saved again) start from there. Signed in again if the portal ended the session.
   */
  async adminDriver(account: MatrixAccount): Promise<PortalDriver> {
    let opened = this.#adminBrowsers.get(account.accountId);
    if (!opened) {
      opened = (async () => {
        const context = await (await this.#browser()).newContext();
        return { context, driver: this.#target.driver(await context.newPage(), account.provisioned) };
      })();
      opened.catch(() => this.#adminBrowsers.delete(account.accountId));
      this.#adminBrowsers.set(account.accountId, opened);
    }
    const { driver } = await opened;
    await driver.page.goto(account.provisioned.urls.portal);
    if (!(await driver.home.logOutControl.isVisible())) {
      await driver.login.continueWith(account.admin.email);
      await throughIdp(driver.page, PERSONAS[account.persona].loginFlow, account.admin, driver.home.logOutControl);
    }
    return driver;
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.#adminBrowsers.values()].map(async (opened) => (await opened).context.close()));
    this.#adminBrowsers.clear();
    const settled = await Promise.allSettled(this.#accounts.values());
    await Promise.allSettled(settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value.idp.delete()] : [])));
    this.#accounts.clear();
  }

  async #create(persona: PersonaId, profile: SpProfile): Promise<MatrixAccount> {
    const key = `m${randomBytes(5).toString('hex')}`;
    const domain = `${key}.example.com`;
    const idp = await setUpStep('creating the IdP tenant', () =>
      IdpControlClient.createTenant(this.#target.idpControlUrl, { key, domain }),
    );
    try {
      if (profile.protocol === 'oidc' && profile.jwksChange) await idp.changeJwks(profile.jwksChange);
      return await this.#provision(idp, domain, persona, profile);
    } catch (error) {
      await idp.delete().catch(() => undefined);
      throw error;
    }
  }

  async #provision(idp: IdpControlClient, domain: string, persona: PersonaId, profile: SpProfile): Promise<MatrixAccount> {
    const [adminUser, ordinaryUser, guest] = await Promise.all([
      idp.userByRole('admin'),
      idp.userByRole('ordinary'),
      idp.userByRole('guest-ext'),
    ]);
    const adminSeat = seatLoginFor(adminUser);
    this.#secrets.record('password', adminSeat.password);
    const seatFaultLogins = new Map<SeatAuditKind, IdpLogin>();
    const extraSeats: { name: string; email: string; role: 'admin' | 'user'; disabled: boolean }[] = [];
    const fill = (template: string): string => fillSeatTemplate(template, { domain, guestUpn: guest.upn });
    const added: Promise<PublicUser>[] = [];
    for (const [kind, setup] of Object.entries(SEAT_FAULT_SETUPS) as [SeatAuditKind, (typeof SEAT_FAULT_SETUPS)[SeatAuditKind]][]) {
      for (const seat of setup.seats)
        extraSeats.push({
          name: `Seat fault ${kind}`,
          email: fill(seat.email),
          role: seat.role ?? 'user',
          disabled: seat.disabled ?? false,
        });
      for (const user of setup.idpUsers) {
        const email = fill(user.email);
        added.push(
          idp.addUser({ email, assigned: user.assigned ?? true, ...(email.endsWith(`@${domain}`) ? { hostedDomain: domain } : {}) }),
        );
      }
      seatFaultLogins.set(kind, typeof setup.signsIn === 'string' ? { email: fill(setup.signsIn) } : loginOf(guest));
    }
    await setUpStep('adding the seat-fault users to the IdP directory', () => Promise.all(added));
    const provisioned = await setUpStep('provisioning the account (POST /_harness/accounts)', () =>
      this.#target.provisionAccount({
        name: `Conformance ${persona} (${idp.key})`,
        ssoDomains: [domain],
        seats: [
          { name: adminUser.displayName, email: adminSeat.email, role: 'admin', password: adminSeat.password },
          { name: ordinaryUser.displayName, email: ordinaryUser.email, role: 'user' },
          ...extraSeats,
        ],
      }),
    );
    const vendor = PERSONAS[persona].vendor;
    const hostedDomain = profile.protocol === 'oidc' && issuesHostedDomain(VENDOR_PERSONAS[vendor].oidc) ? domain : undefined;
    const oidcClient = this.#target.capabilities.ssoConfigApi
      ? await setUpStep('configuring and enabling SSO (PUT /_harness/accounts/{id}/sso)', () =>
          this.#configureFast(idp, persona, profile, provisioned, hostedDomain),
        )
      : await setUpStep('configuring and enabling SSO as the admin (IdP and SSO, Test SSO, Enable)', () =>
          this.#configureInPortal(idp, persona, profile, provisioned, adminSeat, hostedDomain),
        );
    return {
      persona,
      profile,
      idp,
      accountId: provisioned.accountId,
      provisioned,
      sp: provisioned.urls.sp,
      http: new PortalOverHttp(this.#target.names, provisioned),
      admin: loginOf(adminUser),
      adminPassword: adminSeat.password,
      user: loginOf(ordinaryUser),
      seatFaultLogins,
      ...(oidcClient ? { oidcClient } : {}),
      ...(hostedDomain ? { hostedDomain } : {}),
    };
  }

  /** What the customer's admin does in the vendor console, then the fast path for what they enter in the portal. */
  async #configureFast(
    idp: IdpControlClient,
    persona: PersonaId,
    profile: SpProfile,
    account: ProvisionedAccount,
    hostedDomain: string | undefined,
  ): Promise<MatrixAccount['oidcClient']> {
    const client = await configureSsoByApi(this.#target, idp, PERSONAS[persona], account, {
      ...profileChoices(profile, hostedDomain),
      enabled: profile.protocol === 'oidc' || profile.ssoOff !== true,
    });
    if (client) this.#secrets.record('client-secret', client.clientSecret);
    return client;
  }

  /**
   * The admin's own way, in a browser: password login, IdP and SSO, register at the IdP, Test SSO,
   * enable (confirming whatever the portal warns about), log out. A profile that requires other
   * signatures than the vendor sends (the signing-scope scenarios) fails Test SSO on purpose: the
   * admin then enables anyway, as a customer with a wrong configuration does.
   */
  async #configureInPortal(
    idp: IdpControlClient,
    persona: PersonaId,
    profile: SpProfile,
    account: ProvisionedAccount,
    admin: ReturnType<typeof seatLoginFor>,
    hostedDomain: string | undefined,
  ): Promise<MatrixAccount['oidcClient']> {
    const context = await (await this.#browser()).newContext();
    try {
      const driver = this.#target.driver(await context.newPage(), account);
      const personaData = PERSONAS[persona];
      const setUp = ssoSetUp(driver, idp, personaData, profileChoices(profile, hostedDomain));
      await driver.login.logInWithPassword(admin.email, admin.password);
      await driver.home.expectSignedIn(admin.email, 'password');
      if (personaData.protocol === 'oidc') {
        await setUp.createOidcAppAtIdp();
        if (setUp.oidcClient) this.#secrets.record('client-secret', setUp.oidcClient.clientSecret);
      }
      await setUp.enterIdpConfiguration();
      await setUp.registerAtIdp();
      await driver.sso.startTestSso();
      await throughIdp(driver.page, personaData.loginFlow, admin.idpUser, driver.sso.testSsoResultHeading);
      const test = await driver.sso.testSsoResult();
      const matchesVendor =
        personaData.protocol === 'oidc' ||
        profile.protocol !== 'saml' ||
        profileKey(persona, profile) ===
          profileKey(
            persona,
            samlProfile(personaData, { allowIdpInitiated: profile.allowIdpInitiated, ...(profile.ssoOff ? { ssoOff: true } : {}) }),
          );
      if (matchesVendor && !test.passed)
        throw new Error(`Test SSO failed with a configuration that matches ${personaData.displayName}: ${test.alert}`);
      // SSO configured but left off: the account as support leaves it, or as the admin leaves it before enabling.
      if (!(profile.protocol === 'saml' && profile.ssoOff)) await driver.sso.enableSso();
      await driver.home.goHomeAndLogOut();
      return setUp.oidcClient;
    } finally {
      await context.close();
    }
  }
}
