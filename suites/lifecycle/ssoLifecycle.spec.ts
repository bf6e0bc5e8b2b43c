// The whole SSO lifecycle of an OE account, once per IdP persona (vendor × protocol), as one story:
// set-up → Test SSO → enable → password refused → SSO works on every entry point → a change at the
// IdP locks everyone out everywhere → Ooma support turns SSO off → the admin finds the configuration
// intact, fixes it → Test SSO → re-enable → everyone logs in again everywhere → the audit log tells
// who did what.
import { PERSONAS, PERSONA_IDS } from '../../mock-idps/index.ts';
import { lockoutCauseFor } from '../../mock-idps/testing/index.ts';
import type { PortalDriver } from '../driver/portalDriver.ts';
import { describeSymptom, type EntryPoint } from '../entrypoints/entryPoint.ts';
import { expect, test } from '../entrypoints/fixtures.ts';
import { sideBySide } from '../flows/sideBySide.ts';
import { ssoSetUp } from '../flows/ssoSetUp.ts';
import { expectAuditTrail, expectPasswordRefused } from './lifecycleChecks.ts';
import { LOCKOUT_CAUSES, type LockoutContext } from './lockoutCauses.ts';

for (const personaId of PERSONA_IDS) {
  const persona = PERSONAS[personaId];
  // One lockout cause per persona, so that each cause runs for its protocol across the vendors.
  const cause = LOCKOUT_CAUSES[lockoutCauseFor(personaId)];

  test(`${persona.displayName}: set up, enable, lock out (${cause.id}), support recovery, re-enable`, async ({
    driver,
    idp,
    account,
    browser,
    target,
    entryPoints,
  }) => {
    // Some thirty SSO logins, refusals and sign-outs across four entry points (≈ 25 CPU-seconds):
    // twice the default time, a guard for a loaded machine rather than a target.
    test.setTimeout(120_000);
    test
      .info()
      .annotations.push(
        { type: 'vendor', description: persona.vendor },
        { type: 'protocol', description: persona.protocol },
        { type: 'persona', description: persona.id },
        { type: 'lockout-cause', description: cause.id },
      );
    /** Another person with a browser of their own (own cookies, own IdP session). */
    const newPerson = async (): Promise<PortalDriver> => {
      const context = await browser.newContext({ baseURL: target.portalUrl });
      return target.driver(await context.newPage(), account.provisioned);
    };
    const setUp = ssoSetUp(driver, idp, persona);
    const ctx: LockoutContext = {
      idp,
      driver,
      persona,
      reconfigure: (options) => setUp.enterIdpConfiguration(options),
      registerAtIdp: () => setUp.registerAtIdp(),
      get oidcClient() {
        return setUp.oidcClient;
      },
    };
    // On the web the admin is the person who set SSO up (this browser); the user has a browser of their own.
    const everywhere = entryPoints({
      loginFlow: persona.loginFlow,
      account: account.provisioned,
      webPerson: (seat) => (seat === account.admin ? driver : undefined),
    });
    const user = await everywhere.webBrowserOf(account.user);
    for (const entryPoint of everywhere.all) test.info().annotations.push({ type: 'entry-point', description: entryPoint.id });
    const seats = [account.user, account.admin];
    /**
     * One step per entry point, side by side: once SSO is on (or off), the entry points are
     * independent — each person's devices and browsers are their own — as the web portal, the
     * desktop app and the phones of real people are.
     */
    const onEveryEntryPoint = async (
      title: (entryPoint: EntryPoint) => string,
      body: (entryPoint: EntryPoint) => Promise<void>,
    ): Promise<void> => {
      await sideBySide(everywhere.all.map((entryPoint) => test.step(title(entryPoint), () => body(entryPoint))));
    };

    let configurationBefore: Readonly<Record<string, string | boolean>> = {};

    await test.step('admin logs in with a password and opens Account parameters → IdP and SSO', async () => {
      await driver.login.logInWithPassword(account.admin.email, account.admin.password);
      await driver.home.expectSignedIn(account.admin.email, 'password');
      await driver.sso.goto();
    });

    await test.step(`admin enters the ${persona.displayName} ${persona.protocol === 'saml' ? 'metadata' : 'issuer and client'} and saves`, async () => {
      if (persona.protocol === 'oidc') await setUp.createOidcAppAtIdp();
      await setUp.enterIdpConfiguration();
    });

    await test.step('admin reads the links shown and registers them at the IdP, field by field', () => setUp.registerAtIdp());

    await test.step('Test SSO passes without enabling', async () => {
      await setUp.passTestSso(account.admin.idpUser);
      expect((await driver.accountState()).sso.enabled).toBe(false);
    });

    await test.step('admin enables SSO (after confirming)', async () => {
      await driver.sso.enableSso();
      configurationBefore = await driver.sso.visibleConfiguration();
      await driver.home.logOut();
    });

    await test.step('password login is refused for a seat', () => expectPasswordRefused(user, target, account.user, persona.loginFlow));

    await onEveryEntryPoint(
      (entryPoint) => `SSO login works for a user and for the admin on the ${entryPoint.title}`,
      async (entryPoint) => {
        for (const seat of seats) expect((await entryPoint.logIn(seat)).email, `${entryPoint.title}: the seat logged in`).toBe(seat.email);
        for (const seat of seats) await entryPoint.logOut(seat);
      },
    );

    const lockout = await test.step(`the IdP changes: ${cause.title}`, () => cause.introduce(ctx));
    const symptom = cause.symptom(persona);

    await onEveryEntryPoint(
      (entryPoint) => `the user and the admin are locked out of the ${entryPoint.title} (${describeSymptom(symptom)})`,
      async (entryPoint) => {
        for (const seat of seats) await entryPoint.expectFails(seat, symptom);
      },
    );

    await test.step('the admin cannot fall back to a password, and no seat is logged in anywhere', async () => {
      await expectPasswordRefused(driver, target, account.admin, persona.loginFlow);
      expect((await driver.accountState()).seatSessions).toBe(0);
    });

    await test.step('Ooma support accesses the account with a ticket and turns SSO off', async () => {
      const support = await newPerson();
      await support.support.logIn();
      await support.support.accessAccount('OE-48151', `Customer locked out: ${cause.title}`);
      await support.support.turnSsoOff();
      expect((await support.accountState()).sso.enabled).toBe(false);
    });

    await test.step('the admin logs in with the password and finds the configuration exactly as it was', async () => {
      await driver.login.logInWithPassword(account.admin.email, account.admin.password);
      await driver.home.expectSignedIn(account.admin.email, 'password');
      expect(await driver.sso.visibleConfiguration()).toEqual(configurationBefore);
    });

    await test.step(`fix: ${cause.fixTitle}; Test SSO passes; SSO re-enabled`, async () => {
      await cause.fix(ctx, lockout);
      await setUp.passTestSso(account.admin.idpUser);
      await driver.sso.enableSso();
      await driver.home.logOut();
    });

    // The admin's web login comes last of the web ones (user first, on the web entry point) and stays, to read the audit log.
    await onEveryEntryPoint(
      (entryPoint) => `everyone logs in with SSO again on the ${entryPoint.title}`,
      async (entryPoint) => {
        for (const seat of seats) expect((await entryPoint.logIn(seat)).email, `${entryPoint.title}: the seat logged in`).toBe(seat.email);
      },
    );

    await test.step('the audit trail shows each step and who did it', async () => {
      if (!everywhere.all.some((entryPoint) => entryPoint.id === 'web')) {
        // The audit log is in the admin portal: with the web entry point left out of this run, the admin signs in there first.
        await entryPoints({ loginFlow: persona.loginFlow, account: account.provisioned, webPerson: () => driver }, ['web'])
          .get('web')
          .logIn(account.admin);
      }
      await expectAuditTrail(driver, target, { adminEmail: account.admin.email, portalRefusal: symptom.at === 'portal' });
    });
  });
}
