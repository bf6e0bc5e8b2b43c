// The whole SSO lifecycle of an OE account, once per IdP persona (vendor × protocol), as one story:
// set-up → Test SSO → enable → password refused → SSO works → a change at the IdP locks everyone
// out → Ooma support turns SSO off → the admin finds the configuration intact, fixes it → Test SSO
// → re-enable → everyone logs in again → the audit log tells who did what.
import type { BrowserContext, Page } from '@playwright/test';
import { PERSONAS } from '../../mock-idps/personas/index.ts';
import type { OidcPersonaId, SamlPersonaId } from '../../mock-idps/control/client.ts';
import { PERSONA_IDS, type PersonaId } from '../../mock-idps/types.ts';
import { createPortalDriver } from '../driver/reference/referencePortalDriver.ts';
import type { PortalDriver } from '../driver/portalDriver.ts';
import { expect, test, type SeatLogin } from '../fixtures.ts';
import { throughIdp } from '../idp/idpSignIn.ts';
import { LOCKOUT_CAUSES, type LockoutCauseId, type LockoutContext, type Symptom } from './lockoutCauses.ts';

/** One lockout cause per persona, so that each cause runs for its protocol across the vendors. */
const LOCKOUT_BY_PERSONA: Readonly<Record<PersonaId, LockoutCauseId>> = {
  'entra-saml': 'signing-certificate-rotated',
  'okta-saml': 'acs-url-changed',
  'google-saml': 'sp-entity-id-changed',
  'auth0-saml': 'saml-email-attribute-removed',
  'entra-oidc': 'client-secret-changed',
  'okta-oidc': 'redirect-uri-changed',
  'google-oidc': 'oidc-email-claim-removed',
  'auth0-oidc': 'client-secret-changed',
};

/** A person with their own browser (own cookies, own IdP session). */
async function personBrowser(context: BrowserContext, driverFor: (page: Page) => PortalDriver): Promise<PortalDriver> {
  return driverFor(await context.newPage());
}

for (const personaId of PERSONA_IDS) {
  const persona = PERSONAS[personaId];
  const cause = LOCKOUT_CAUSES[LOCKOUT_BY_PERSONA[personaId]];

  test(`${persona.displayName}: set up, enable, lock out (${cause.id}), support recovery, re-enable`, async ({ driver, idp, account, browser, target }) => {
    test.info().annotations.push(
      { type: 'vendor', description: persona.vendor },
      { type: 'protocol', description: persona.protocol },
      { type: 'persona', description: persona.id },
      { type: 'lockout-cause', description: cause.id },
    );
    const newPerson = async (): Promise<PortalDriver> =>
      personBrowser(await browser.newContext({ baseURL: target.portalUrl }), (page) => createPortalDriver(page, target));
    let oidcClient: { clientId: string; clientSecret: string } | undefined;

    const reconfigure = async (options: { clientSecret?: string } = {}): Promise<void> => {
      await driver.sso.goto();
      if (persona.protocol === 'saml') {
        await driver.sso.configureSaml({
          vendor: persona.vendor,
          metadataUrl: idp.samlUrls(persona.id as SamlPersonaId).metadataUrl,
          requireSignedAssertion: persona.signing.scope === 'assertion' || persona.signing.scope === 'both',
          requireSignedResponse: persona.signing.scope === 'response' || persona.signing.scope === 'both',
        });
      } else {
        if (!oidcClient) throw new Error('register the OIDC client at the IdP first');
        if (options.clientSecret !== undefined) oidcClient = { ...oidcClient, clientSecret: options.clientSecret };
        await driver.sso.configureOidc({ vendor: persona.vendor, issuer: idp.oidcUrls(persona.id as OidcPersonaId).issuer, ...oidcClient });
      }
    };

    const registerAtIdp = async (): Promise<void> => {
      await driver.sso.goto();
      if (persona.protocol === 'saml') {
        const fields = (persona).consoleFields;
        await idp.registerSamlApp(persona.id as SamlPersonaId, { entityId: await driver.sso.idpSideLink(fields.entityId), acsUrls: [await driver.sso.idpSideLink(fields.acsUrl)] });
      } else {
        const fields = (persona).consoleFields;
        await idp.registerOidcApp(persona.id as OidcPersonaId, { ...oidcClient, redirectUris: [await driver.sso.idpSideLink(fields.redirectUri)] });
      }
    };

    const ctx: LockoutContext = { idp, driver, persona, reconfigure, registerAtIdp, get oidcClient() { return oidcClient; } };

    /** Email first at the portal, then through the IdP; `seat` lands on the portal home, signed in by SSO. */
    const ssoLogIn = async (person: PortalDriver, seat: SeatLogin): Promise<void> => {
      await person.login.continueWith(seat.email);
      await throughIdp(person.page, persona.loginFlow, seat.idpUser, person.home.signedInAs);
      await person.home.expectSignedIn(seat.email, 'single sign-on');
    };

    /** The SSO attempt fails where the customer would see it: a portal refusal or an IdP error page. */
    const expectSsoFails = async (person: PortalDriver, seat: SeatLogin, symptom: Symptom): Promise<void> => {
      await person.login.continueWith(seat.email);
      const seen = symptom.at === 'portal' ? person.refusal.reasonCode.filter({ hasText: symptom.reason }) : person.page.getByText(symptom.code).first();
      await throughIdp(person.page, persona.loginFlow, seat.idpUser, seen);
    };

    let configurationBefore: Readonly<Record<string, string | boolean>> = {};

    await test.step('admin logs in with a password and opens Account parameters → IdP and SSO', async () => {
      await driver.login.logInWithPassword(account.admin.email, account.admin.password);
      await driver.home.expectSignedIn(account.admin.email, 'a password');
      await driver.sso.goto();
    });

    await test.step(`admin enters the ${persona.displayName} ${persona.protocol === 'saml' ? 'metadata' : 'issuer and client'} and saves`, async () => {
      if (persona.protocol === 'oidc') {
        // As in the vendor consoles: create the app first (its wizard proposes a placeholder callback), copy the client.
        const app = await idp.registerOidcApp(persona.id as OidcPersonaId, { redirectUris: ['https://app.example.com/callback'] });
        oidcClient = { clientId: app.clientId, clientSecret: app.clientSecret };
      }
      await reconfigure();
    });

    await test.step('admin reads the links shown and registers them at the IdP, field by field', registerAtIdp);

    await test.step('Test SSO passes without enabling', async () => {
      await driver.sso.startTestSso();
      await throughIdp(driver.page, persona.loginFlow, account.admin.idpUser, driver.page.getByRole('heading', { name: 'Test SSO result' }));
      await driver.sso.expectTestSsoPassed();
      expect((await driver.accountState(account.id)).sso.enabled).toBe(false);
    });

    await test.step('admin enables SSO (after confirming)', async () => {
      await driver.sso.enableSso();
      configurationBefore = await driver.sso.visibleConfiguration();
      await driver.home.logOut();
    });

    const user = await newPerson();
    await test.step('password login is refused for a seat, with a pointer to SSO', async () => {
      await user.login.submitPasswordForm(account.user.email, account.user.password);
      await user.refusal.expectReason('sso-required');
    });

    await test.step('SSO login works for a user and for the admin (web)', async () => {
      await ssoLogIn(user, account.user);
      await ssoLogIn(driver, account.admin);
      await driver.home.logOut();
      await user.home.logOut();
    });

    const lockout = await test.step(`the IdP changes: ${cause.title}`, () => cause.introduce(ctx));
    const symptom = cause.symptom(persona);

    await test.step(`everyone is locked out (${symptom.at === 'portal' ? symptom.reason : symptom.code}), the admin included`, async () => {
      await expectSsoFails(user, account.user, symptom);
      await expectSsoFails(driver, account.admin, symptom);
      await driver.login.submitPasswordForm(account.admin.email, account.admin.password);
      await driver.refusal.expectReason('sso-required');
      expect((await driver.accountState(account.id)).seatSessions).toBe(0);
    });

    await test.step('Ooma support accesses the account with a ticket and turns SSO off', async () => {
      const support = await newPerson();
      await support.support.logIn();
      await support.support.accessAccount(account.id, 'OE-48151', `Customer locked out: ${cause.title}`);
      await support.support.turnSsoOff();
      expect((await support.accountState(account.id)).sso.enabled).toBe(false);
    });

    await test.step('the admin logs in with the password and finds the configuration exactly as it was', async () => {
      await driver.login.logInWithPassword(account.admin.email, account.admin.password);
      await driver.home.expectSignedIn(account.admin.email, 'a password');
      expect(await driver.sso.visibleConfiguration()).toEqual(configurationBefore);
    });

    await test.step(`fix: ${cause.fixTitle}; Test SSO passes; SSO re-enabled`, async () => {
      await cause.fix(ctx, lockout);
      await driver.sso.startTestSso();
      await throughIdp(driver.page, persona.loginFlow, account.admin.idpUser, driver.page.getByRole('heading', { name: 'Test SSO result' }));
      await driver.sso.expectTestSsoPassed();
      await driver.sso.enableSso();
      await driver.home.logOut();
    });

    await test.step('everyone logs in with SSO again', async () => {
      await ssoLogIn(user, account.user);
      await ssoLogIn(driver, account.admin);
    });

    await test.step('the audit log shows each step and who did it', async () => {
      await driver.auditLog.goto();
      const entries = await driver.auditLog.entries();
      const actions = entries.map((entry) => entry.action);
      for (const action of ['sso.config.saved', 'sso.enabled', 'password.login.refused', 'sso.login.succeeded', 'support.access.granted', 'support.sso.disabled', 'password.login.succeeded']) {
        expect(actions, `audit log has ${action}`).toContain(action);
      }
      if (symptom.at === 'portal') expect(actions).toContain('sso.login.refused');
      expect(entries.filter((entry) => entry.action.startsWith('support.')).every((entry) => /support/i.test(entry.actor))).toBe(true);
      expect(entries.find((entry) => entry.action === 'sso.enabled')?.actor).toContain(account.admin.email);
    });
  });
}
