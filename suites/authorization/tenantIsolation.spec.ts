// Two customers, A and B, each with SSO on through an IdP of their own. A's IdP belongs to A's
// admins — to an attacker, if A is the attacker's own OE account — and asserts whatever they type:
// here the email of one of B's seats. Whatever A's IdP asserts, and wherever its answer is
// delivered, nobody is logged into account B:
//  - at A's own sign-on URL: A has no such seat, so the login is refused (a portal that looks the
//    email up across accounts logs the attacker into B) — SAML and OIDC;
//  - the same email a seat in both accounts (B's SSO domains include A's): B's IdP asserting it at
//    B logs into B's seat, never A's (a portal that takes emails as unique across customers finds
//    the older account's seat first);
//  - at B's ACS: B's own login request is carried to A's IdP instead of B's (the attacker's browser
//    rewrites the redirect), and A's IdP answers B's ACS with B's InResponseTo — B must judge it
//    by B's IdP settings (its Issuer and certificate), not by whichever account's IdP it names.
// Verdicts from what any portal shows: a refusal on the portal, no new session of B's seat.
import type { Browser } from '@playwright/test';
import type { IdpControlClient, SamlPersonaId, PersonaId } from '../../mock-idps/index.ts';
import { PERSONAS } from '../../mock-idps/index.ts';
import { liveSessionsOf } from '../driver/liveSessions.ts';
import type { PortalDriver } from '../driver/portalDriver.ts';
import { tenantRecordingSecrets, withSeatPasswordsRecorded, type SecretRecorder } from '../evidenceFixtures.ts';
import { expect, test, type TestAccount } from '../fixtures.ts';
import { newIdpTenant, provisionAdminAndUser, seatLoginFor } from '../flows/testAccount.ts';
import { sideBySide } from '../flows/sideBySide.ts';
import { ssoOnForSuite } from '../flows/ssoByApi.ts';
import { idpSignInPrompt, signInAtIdp } from '../idp/idpSignIn.ts';
import { RULE } from '../login/ruleTags.ts';
import type { HarnessTarget } from '../target/harnessTarget.ts';

const personaId: SamlPersonaId = 'okta-saml';
const persona = PERSONAS[personaId];
/** The isolation of identities is checked for both protocols' login paths. */
const BOTH_PROTOCOLS: readonly PersonaId[] = ['okta-saml', 'entra-oidc'];

/** Account B of its own IdP tenant whose SSO domains include A's, with a user seat of A's user's email. */
async function provisionWithSeatOfA(target: HarnessTarget, idp: IdpControlClient, accountA: TestAccount): Promise<TestAccount> {
  const adminUser = await idp.userByRole('admin');
  const admin = seatLoginFor(adminUser);
  const user = seatLoginFor(accountA.user.idpUser, accountA.user.email);
  const domainOf = (email: string): string => email.slice(email.lastIndexOf('@') + 1);
  const provisioned = await target.provisionAccount({
    name: `Account for ${idp.key}, sharing a seat email with account ${accountA.id}`,
    ssoDomains: [domainOf(admin.email), domainOf(user.email)],
    seats: [
      { name: adminUser.displayName, email: admin.email, role: 'admin', password: admin.password },
      { name: 'Same Email', email: user.email, role: 'user', password: user.password },
    ],
  });
  return { id: provisioned.accountId, provisioned, admin, user };
}

/** Once the portal has answered (a refusal, or a logged-in page): no seat of B got a session, and the answer was a refusal. */
async function expectNobodyInB(
  person: PortalDriver,
  accountB: TestAccount,
  driverB: PortalDriver,
  before: number,
  what: string,
): Promise<void> {
  const refusal = person.page.getByRole('alert').first();
  await expect(refusal.or(person.home.logOutControl).first(), `${what}: the portal answers`).toBeVisible();
  expect(await liveSessionsOf(driverB, accountB.user.email), `${what}: live sessions of ${accountB.user.email} in account B`).toBe(before);
  await expect(refusal, `${what}: the portal shows a refusal`).toBeVisible();
}

test.describe("tenant isolation: an identity account A's IdP asserts logs into no seat of account B", { tag: RULE.tenantIsolation }, () => {
  let idpB: IdpControlClient | undefined;
  test.afterEach(async () => {
    await idpB?.reset();
    await idpB?.delete();
    idpB = undefined;
  });

  /**
   * Account B with SSO on through its own IdP tenant (`ssoDomainsOfA`: B also claims A's domain, with a seat of A's user's email), and A's
   * SSO on.
   */
  const twoCustomers = async (
    {
      browser,
      target,
      account,
      idp,
      driver,
      evidence,
    }: {
      browser: Browser;
      target: HarnessTarget;
      account: TestAccount;
      idp: IdpControlClient;
      driver: PortalDriver;
      evidence: SecretRecorder;
    },
    id: PersonaId,
    sameEmail = false,
  ) => {
    const tenantB = tenantRecordingSecrets(evidence, await newIdpTenant(target));
    idpB = tenantB;
    const accountB = withSeatPasswordsRecorded(
      evidence,
      sameEmail ? await provisionWithSeatOfA(target, tenantB, account) : await provisionAdminAndUser(target, tenantB),
    );
    const driverB = target.driver(await (await browser.newContext({ baseURL: target.portalUrl })).newPage(), accountB.provisioned);
    // Two customers' admins, each in their own browser at their own IdP: side by side.
    await sideBySide([
      ssoOnForSuite(target, driver, idp, PERSONAS[id], account.admin),
      ssoOnForSuite(target, driverB, tenantB, PERSONAS[id], accountB.admin),
    ]);
    return { idpB: tenantB, accountB, driverB };
  };

  for (const id of BOTH_PROTOCOLS) {
    const each = PERSONAS[id];
    test(`${each.displayName}: A's IdP asserts the email of B's seat at A's own sign-on URL → refused, no session in B`, async ({
      browser,
      target,
      account,
      idp,
      driver,
      evidence,
    }) => {
      test.info().annotations.push(
        ...['seat-lookup-any-account', 'seat-lookup-global-first'].map((defect) => ({ type: 'caught-defect', description: defect })),
        { type: 'persona', description: id },
        {
          type: 'spec',
          description:
            "OWASP ASVS 4.0.3 §4.2.1 (no cross-tenant access); SAML profiles §4.1.4.2, OIDC Core §2 (sub/email are identities of this relying party's IdP only)",
        },
      );
      const { accountB, driverB } = await twoCustomers({ browser, target, account, idp, driver, evidence }, id);
      const impostor = await idp.addUser({ email: accountB.user.email, givenName: 'Not', familyName: 'B' });
      const attacker = target.driver(await (await browser.newContext({ baseURL: target.portalUrl })).newPage(), account.provisioned);
      const before = await liveSessionsOf(driverB, accountB.user.email);
      await attacker.login.startSsoFromSignOnUrl();
      await expect(idpSignInPrompt(attacker.page, each.loginFlow).first()).toBeVisible();
      await signInAtIdp(attacker.page, each.loginFlow, impostor);
      await expectNobodyInB(attacker, accountB, driverB, before, `A's IdP asserting ${accountB.user.email} at A`);
      await expect(attacker.home.logOutControl, 'no logged-in page').toHaveCount(0);
    });

    test(`${each.displayName}: the same email a seat in A and in B; B's IdP asserts it at B → logged into B's seat, no session in A`, async ({
      browser,
      target,
      account,
      idp,
      driver,
      evidence,
    }) => {
      test.info().annotations.push(
        { type: 'caught-defect', description: 'seat-lookup-global-first' },
        { type: 'persona', description: id },
        {
          type: 'spec',
          description:
            'OWASP ASVS 4.0.3 §4.2.1 (no cross-tenant access): a seat is looked up in the account whose IdP answered, even where another customer has a seat of the same email',
        },
      );
      const { idpB: tenantB, accountB, driverB } = await twoCustomers({ browser, target, account, idp, driver, evidence }, id, true);
      const shared = account.user.email;
      const atB = await tenantB.addUser({ email: shared, givenName: 'Same', familyName: 'Email' });
      const person = target.driver(await (await browser.newContext({ baseURL: target.portalUrl })).newPage(), accountB.provisioned);
      const beforeA = await liveSessionsOf(driver, shared);
      const beforeB = await liveSessionsOf(driverB, shared);
      await person.login.startSsoFromSignOnUrl();
      await expect(idpSignInPrompt(person.page, each.loginFlow).first()).toBeVisible();
      await signInAtIdp(person.page, each.loginFlow, atB);
      await expect(person.home.logOutControl.or(person.page.getByRole('alert')).first(), 'the portal answers').toBeVisible();
      expect
        .soft(await liveSessionsOf(driver, shared), `live sessions of ${shared} in account A after B's IdP asserted it at B`)
        .toBe(beforeA);
      expect(await liveSessionsOf(driverB, shared), `live sessions of ${shared} in account B after B's IdP asserted it at B`).toBe(
        beforeB + 1,
      );
    });
  }

  test(`${persona.displayName}: B's login request carried to A's IdP, answered at B's ACS → refused, no session in B`, async ({
    browser,
    target,
    account,
    idp,
    driver,
    evidence,
  }) => {
    test.info().annotations.push(
      { type: 'caught-defect', description: 'acs-config-by-issuer' },
      { type: 'persona', description: personaId },
      {
        type: 'spec',
        description: 'SAML profiles §4.1.4.2–4.1.4.3 (Issuer is the configured IdP, signature by its key); OWASP ASVS 4.0.3 §4.2.1',
      },
    );
    const { accountB, driverB } = await twoCustomers({ browser, target, account, idp, driver, evidence }, personaId);
    const impostor = await idp.addUser({ email: accountB.user.email, givenName: 'Not', familyName: 'B' });
    // A's admins register B's SP values in A's IdP (its console lets them type any entity ID and ACS URL).
    await idp.registerSamlApp(personaId, {
      entityId: accountB.provisioned.urls.sp.entityId,
      acsUrls: [accountB.provisioned.urls.sp.acsUrl],
    });
    const context = await browser.newContext({ baseURL: target.portalUrl });
    const attacker = target.driver(await context.newPage(), accountB.provisioned);
    const before = await liveSessionsOf(driverB, accountB.user.email);
    // B's login starts in the attacker's browser (its cookies, B's pending request); the redirect to
    // B's IdP is read, not followed, and its query — B's AuthnRequest — is taken to A's IdP instead.
    const signOn = accountB.provisioned.urls.sp.signOnUrl;
    const start = await context.request.get(signOn, { maxRedirects: 0 });
    const location = start.headers()['location'];
    test.skip(
      location === undefined || start.status() < 300 || start.status() > 399,
      `B's sign-on URL answered ${start.status()} without a redirect: its AuthnRequest (HTTP-Redirect binding) cannot be carried elsewhere.`,
    );
    const aSso = new URL(idp.samlUrls(personaId).ssoUrl);
    const toA = new URL(aSso.href);
    toA.search = new URL(location ?? '', signOn).search;
    const answeredAtB = attacker.page.waitForRequest(
      (request) => request.method() === 'POST' && request.url() === accountB.provisioned.urls.sp.acsUrl,
    );
    await attacker.page.goto(toA.href);
    await expect(idpSignInPrompt(attacker.page, persona.loginFlow).first()).toBeVisible();
    expect(new URL(attacker.page.url()).pathname.startsWith(aSso.pathname), "the sign-in page is A's IdP").toBe(true);
    await signInAtIdp(attacker.page, persona.loginFlow, impostor);
    await answeredAtB;
    await expectNobodyInB(attacker, accountB, driverB, before, `A's IdP answering B's login request at B's ACS as ${accountB.user.email}`);
    await expect(attacker.home.logOutControl, 'no logged-in page').toHaveCount(0);
  });
});
