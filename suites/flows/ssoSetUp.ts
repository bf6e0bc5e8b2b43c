// What the customer's admin does to set SSO up (DESIGN lifecycle steps 1–2 and QA before enable),
// shared by the lifecycle, login, seats and matrix suites: enter the IdP's values in Account
// parameters → IdP and SSO, register at the IdP the SP values the portal shows, pass Test SSO, enable.
import type { IdpControlClient, OidcPersonaId, SamlPersonaId, OidcPersona, SamlPersona } from '../../mock-idps/index.ts';
import type { PortalDriver, SaveOutcome } from '../driver/portalDriver.ts';
import type { SeatLogin } from './testAccount.ts';
import { throughIdp } from '../idp/idpSignIn.ts';

export interface OidcClient {
  readonly clientId: string;
  /** Secret: typed into the portal form, never attached. */
  readonly clientSecret: string;
}

/** SP settings a set-up may choose instead of "require a signature where the vendor signs". */
export interface SamlChoices {
  readonly requireSignedResponse?: boolean;
  readonly requireSignedAssertion?: boolean;
  readonly allowIdpInitiated?: boolean;
}

/** The admin's SSO set-up actions for one persona, in the admin's own browser (`driver`). */
export interface SsoSetUp {
  readonly persona: SamlPersona | OidcPersona;
  /** OIDC: the client created at the IdP (undefined before `createOidcAppAtIdp`, and for SAML). */
  readonly oidcClient: OidcClient | undefined;
  /** OIDC: create the app in the IdP console first, as its wizard asks, and copy the client. */
  createOidcAppAtIdp(): Promise<void>;
  /** Enter (or re-enter) the IdP's metadata URL / issuer and client in the portal and save (optionally a new client secret). */
  enterIdpConfiguration(options?: { clientSecret?: string }): Promise<void>;
  /** The same, returning what the portal did instead of expecting it to save. */
  trySavingIdpConfiguration(options?: { clientSecret?: string }): Promise<SaveOutcome>;
  /** Register at the IdP, field by field, the SP values the portal shows for this account. */
  registerAtIdp(): Promise<void>;
  /** Run Test SSO as `seat` (through the IdP, reusing its session when live) and expect it to pass. */
  passTestSso(seat: SeatLogin['idpUser']): Promise<void>;
}

export interface SsoSetUpOptions {
  readonly saml?: SamlChoices;
  /** OIDC: the client already registered at the IdP (instead of `createOidcAppAtIdp`). */
  readonly oidcClient?: OidcClient;
  /** Google Workspace: the hd the portal requires. */
  readonly hostedDomain?: string;
  /** The allowed clock skew to enter (default: the portal's own). */
  readonly clockSkewSeconds?: number;
}

/** What the SP requires of a SAML response: by default a signature where the vendor signs, no IdP-initiated login. */
export function samlRequirements(persona: SamlPersona, choices: SamlChoices = {}): Required<SamlChoices> {
  const scope = persona.signing.scope;
  return {
    requireSignedAssertion: choices.requireSignedAssertion ?? (scope === 'assertion' || scope === 'both'),
    requireSignedResponse: choices.requireSignedResponse ?? (scope === 'response' || scope === 'both'),
    allowIdpInitiated: choices.allowIdpInitiated ?? false,
  };
}

export function ssoSetUp(
  driver: PortalDriver,
  idp: IdpControlClient,
  persona: SamlPersona | OidcPersona,
  options: SsoSetUpOptions = {},
): SsoSetUp {
  let oidcClient: OidcClient | undefined = options.oidcClient;
  const sp = driver.account.urls.sp;
  const requireClient = (): OidcClient => {
    if (!oidcClient)
      throw new Error(`Create the ${persona.displayName} app at the IdP (createOidcAppAtIdp) before entering its client in the portal.`);
    return oidcClient;
  };
  const save = async (clientSecret: string | undefined): Promise<SaveOutcome> => {
    await driver.sso.goto();
    if (persona.protocol === 'saml') {
      return driver.sso.configureSaml({
        vendor: persona.vendor,
        metadataUrl: idp.samlUrls(persona.id as SamlPersonaId).metadataUrl,
        ...samlRequirements(persona, options.saml),
        ...(options.clockSkewSeconds === undefined ? {} : { clockSkewSeconds: options.clockSkewSeconds }),
      });
    }
    if (clientSecret !== undefined) oidcClient = { ...requireClient(), clientSecret };
    return driver.sso.configureOidc({
      vendor: persona.vendor,
      issuer: idp.oidcUrls(persona.id as OidcPersonaId).issuer,
      ...requireClient(),
      ...(options.hostedDomain === undefined ? {} : { hostedDomain: options.hostedDomain }),
      ...(options.clockSkewSeconds === undefined ? {} : { clockSkewSeconds: options.clockSkewSeconds }),
    });
  };
  return {
    persona,
    get oidcClient() {
      return oidcClient;
    },

    async createOidcAppAtIdp() {
      // The vendor consoles' wizards propose a placeholder callback; the real one is registered once the portal shows it.
      const app = await idp.registerOidcApp(persona.id as OidcPersonaId, { redirectUris: ['https://app.example.com/callback'] });
      oidcClient = { clientId: app.clientId, clientSecret: app.clientSecret };
    },

    trySavingIdpConfiguration: (saveOptions = {}) => save(saveOptions.clientSecret),

    async enterIdpConfiguration(saveOptions = {}) {
      const outcome = await save(saveOptions.clientSecret);
      if (!outcome.saved)
        throw new Error(
          `The portal refused the ${persona.displayName} configuration: ${outcome.alert}${outcome.invalidFields.length ? ` (fields marked invalid: ${outcome.invalidFields.join(', ')})` : ''}`,
        );
    },

    async registerAtIdp() {
      await driver.sso.goto();
      if (persona.protocol === 'saml') {
        await driver.sso.expectShown(sp.entityId, 'SP entity ID');
        await driver.sso.expectShown(sp.acsUrl, 'ACS URL');
        await idp.registerSamlApp(persona.id as SamlPersonaId, { entityId: sp.entityId, acsUrls: [sp.acsUrl] });
      } else {
        await driver.sso.expectShown(sp.oidcRedirectUri, 'redirect URI');
        await idp.registerOidcApp(persona.id as OidcPersonaId, { ...requireClient(), redirectUris: [sp.oidcRedirectUri] });
      }
    },

    async passTestSso(seat) {
      await driver.sso.startTestSso();
      await throughIdp(driver.page, persona.loginFlow, seat, driver.sso.testSsoResultHeading);
      await driver.sso.expectTestSsoPassed();
    },
  };
}

/**
 * Set-up up to Test SSO, for suites whose subject is what the admin does next: the admin logs in
 * with a password, configures the IdP (creating the OIDC app at the IdP first), registers the
 * portal's SP values at the IdP and passes Test SSO. The admin stays logged in; SSO stays off.
 */
export async function setUpAndPassTestSso(
  driver: PortalDriver,
  idp: IdpControlClient,
  persona: SamlPersona | OidcPersona,
  admin: SeatLogin,
  options: SsoSetUpOptions = {},
): Promise<SsoSetUp> {
  const setUp = ssoSetUp(driver, idp, persona, options);
  await driver.login.logInWithPassword(admin.email, admin.password);
  await driver.home.expectSignedIn(admin.email, 'password');
  if (persona.protocol === 'oidc') await setUp.createOidcAppAtIdp();
  await setUp.enterIdpConfiguration();
  await setUp.registerAtIdp();
  await setUp.passTestSso(admin.idpUser);
  return setUp;
}

/**
 * The whole set-up in one go, for suites whose subject is what comes after it: `setUpAndPassTestSso`,
 * then the admin enables SSO (confirming whatever the portal warns about) and logs out. The admin's
 * IdP session stays live.
 */
export async function setUpAndEnableSso(
  driver: PortalDriver,
  idp: IdpControlClient,
  persona: SamlPersona | OidcPersona,
  admin: SeatLogin,
  options: SsoSetUpOptions = {},
): Promise<SsoSetUp> {
  const setUp = await setUpAndPassTestSso(driver, idp, persona, admin, options);
  await driver.sso.enableSso();
  await driver.home.logOut();
  return setUp;
}
