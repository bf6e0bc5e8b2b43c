// What the customer's admin does to set SSO up (DESIGN lifecycle steps 1–2 and QA before enable),
// shared by the lifecycle, login and seats suites: enter the IdP's values in Account parameters →
// IdP and SSO, register the links the portal shows at the IdP, pass Test SSO, enable.
import type { IdpControlClient, OidcPersonaId, SamlPersonaId } from '../../mock-idps/control/client.ts';
import type { OidcPersona, SamlPersona } from '../../mock-idps/types.ts';
import type { PortalDriver } from '../driver/portalDriver.ts';
import type { SeatLogin } from '../fixtures.ts';
import { throughIdp } from '../idp/idpSignIn.ts';

export interface OidcClient {
  readonly clientId: string;
  /** Secret: typed into the portal form, never attached. */
  readonly clientSecret: string;
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
  /** Copy the links the portal shows, field by field, into the IdP app registration. */
  registerAtIdp(): Promise<void>;
  /** Run Test SSO as `seat` (through the IdP, reusing its session when live) and expect it to pass. */
  passTestSso(seat: SeatLogin): Promise<void>;
}

export function ssoSetUp(driver: PortalDriver, idp: IdpControlClient, persona: SamlPersona | OidcPersona): SsoSetUp {
  let oidcClient: OidcClient | undefined;
  const requireClient = (): OidcClient => {
    if (!oidcClient) throw new Error(`Create the ${persona.displayName} app at the IdP (createOidcAppAtIdp) before entering its client in the portal.`);
    return oidcClient;
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

    async enterIdpConfiguration(options = {}) {
      await driver.sso.goto();
      if (persona.protocol === 'saml') {
        await driver.sso.configureSaml({
          vendor: persona.vendor,
          metadataUrl: idp.samlUrls(persona.id as SamlPersonaId).metadataUrl,
          requireSignedAssertion: persona.signing.scope === 'assertion' || persona.signing.scope === 'both',
          requireSignedResponse: persona.signing.scope === 'response' || persona.signing.scope === 'both',
        });
        return;
      }
      if (options.clientSecret !== undefined) oidcClient = { ...requireClient(), clientSecret: options.clientSecret };
      await driver.sso.configureOidc({ vendor: persona.vendor, issuer: idp.oidcUrls(persona.id as OidcPersonaId).issuer, ...requireClient() });
    },

    async registerAtIdp() {
      await driver.sso.goto();
      if (persona.protocol === 'saml') {
        const fields = persona.consoleFields;
        await idp.registerSamlApp(persona.id as SamlPersonaId, { entityId: await driver.sso.idpSideLink(fields.entityId), acsUrls: [await driver.sso.idpSideLink(fields.acsUrl)] });
      } else {
        await idp.registerOidcApp(persona.id as OidcPersonaId, { ...requireClient(), redirectUris: [await driver.sso.idpSideLink(persona.consoleFields.redirectUri)] });
      }
    },

    async passTestSso(seat) {
      await driver.sso.startTestSso();
      await throughIdp(driver.page, persona.loginFlow, seat.idpUser, driver.sso.testSsoResultHeading);
      await driver.sso.expectTestSsoPassed();
    },
  };
}

/**
 * The whole set-up in one go, for suites whose subject is what comes after it: the admin logs in
 * with a password, configures the IdP, registers the portal's links at the IdP, passes Test SSO,
 * enables SSO (the confirmation lists no warning) and logs out. The admin's IdP session stays live.
 */
export async function setUpAndEnableSso(driver: PortalDriver, idp: IdpControlClient, persona: SamlPersona | OidcPersona, admin: SeatLogin): Promise<SsoSetUp> {
  const setUp = ssoSetUp(driver, idp, persona);
  await driver.login.logInWithPassword(admin.email, admin.password);
  await driver.home.expectSignedIn(admin.email, 'a password');
  if (persona.protocol === 'oidc') await setUp.createOidcAppAtIdp();
  await setUp.enterIdpConfiguration();
  await setUp.registerAtIdp();
  await setUp.passTestSso(admin);
  await driver.sso.enableSso();
  await driver.home.logOut();
  return setUp;
}
