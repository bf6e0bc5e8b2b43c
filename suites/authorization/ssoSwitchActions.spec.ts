// Who may turn SSO on and off. The admin's own Enable and disable are recorded in two sessions
// (which tells the anti-forgery fields apart: their values differ), then sent again:
//  - from an attacker's page while the admin is logged in (another origin on the same site, so the
//    session cookie goes along; only the token protects): without the token, with an empty one,
//    with another session's;
//  - by a user seat of the account, with its own session's token.
// The verdict is the account's SSO state read through the target: it must not move.
import { PERSONAS } from '../../mock-idps/index.ts';
import type { PortalDriver } from '../driver/portalDriver.ts';
import { expect, test } from '../fixtures.ts';
import { setUpAndPassTestSso } from '../flows/ssoSetUp.ts';
import { throughIdp } from '../idp/idpSignIn.ts';
import { RULE } from '../login/ruleTags.ts';
import { FORGERIES, forged, openAttackerPage, ownToken, postsOf, sessionBoundFields, submitFrom, type FormPost } from './formPosts.ts';

const persona = PERSONAS['okta-saml'];

test(
  "Enable and disable SSO refuse posts forged on another page (no token, an empty one, another session's) and posts by a user seat",
  {
    tag: [RULE.antiForgery, RULE.adminRole],
  },
  async ({ browser, target, account, idp, driver }) => {
    test.info().annotations.push(
      ...['csrf-skip', 'csrf-when-present', 'csrf-token-format-only', 'admin-role-unchecked', 'sso-switch-role-unchecked'].map((id) => ({
        type: 'caught-defect',
        description: id,
      })),
      { type: 'persona', description: persona.id },
      {
        type: 'spec',
        description:
          'OWASP ASVS 4.0.3 §4.2.2 (anti-forgery on state-changing requests), §4.1.3 (least privilege: admin actions need the admin role); the switch is the same whatever the IdP, so one persona proves it',
      },
    );
    const origin = new URL(account.provisioned.urls.login).origin;
    const ssoEnabled = async (): Promise<boolean> => (await driver.accountState()).sso.enabled;
    /** The admin puts SSO back the way it was after a forged post moved it (so the next check starts from a known state). */
    const putBack = async (enabled: boolean): Promise<void> => {
      if ((await ssoEnabled()) === enabled) return;
      if (enabled) await driver.sso.enableSso();
      else await driver.sso.disableSso();
    };
    const recorded = (person: PortalDriver, action: () => Promise<unknown>): Promise<FormPost[]> => postsOf(person.page, origin, action);

    const { enable, disable } =
      await test.step('the admin sets SSO up, then turns it on and off in two sessions (the posts are recorded)', async () => {
        await setUpAndPassTestSso(driver, idp, persona, account.admin);
        const enableA = await recorded(driver, async () => {
          await driver.sso.enableSso();
        });
        const disableA = await recorded(driver, () => driver.sso.disableSso());
        const other = target.driver(await (await browser.newContext({ baseURL: target.portalUrl })).newPage(), account.provisioned);
        await other.login.logInWithPassword(account.admin.email, account.admin.password);
        const enableB = await recorded(other, async () => {
          await other.sso.enableSso();
        });
        const disableB = await recorded(other, () => other.sso.disableSso());
        await other.page.context().close();
        expect(await ssoEnabled(), 'SSO is off after the admin turned it off').toBe(false);
        return {
          enable: { posts: enableA, other: enableB, bound: sessionBoundFields(enableA, enableB) },
          disable: { posts: disableA, other: disableB, bound: sessionBoundFields(disableA, disableB) },
        };
      });
    const boundNames = [...new Set([...enable.bound, ...disable.bound])];
    test.info().annotations.push({
      type: 'anti-forgery fields',
      description: boundNames.length > 0 ? boundNames.join(', ') : 'none (no field differs between two sessions)',
    });

    const attacker = await openAttackerPage(driver.page.context());
    for (const [what, state, action] of [
      ['Enable', false, enable],
      ['Disable', true, disable],
    ] as const) {
      await putBack(state);
      for (const [how, variant] of FORGERIES) {
        await test.step(`${what} posted from the attacker's page ${how}, the admin being logged in: SSO stays ${state ? 'on' : 'off'}`, async () => {
          await submitFrom(attacker.page, attacker.url, forged(action.posts, action.bound, variant(action.other)));
          expect.soft(await ssoEnabled(), `SSO ${state ? 'on' : 'off'} after ${what} was forged ${how}`).toBe(state);
          await putBack(state);
        });
      }
    }
    expect(await ssoEnabled(), 'SSO is on (the admin turned it on before the forged disables)').toBe(true);

    await test.step("a user seat of the account posts Disable, then Enable, with its own session's token: SSO does not move", async () => {
      const user = target.driver(await (await browser.newContext({ baseURL: target.portalUrl })).newPage(), account.provisioned);
      await user.login.continueWith(account.user.email);
      await throughIdp(user.page, persona.loginFlow, account.user.idpUser, user.home.logOutControl);
      const token = await ownToken(user.page, new Set(boundNames));
      test.info().annotations.push({
        type: 'user seat token',
        description:
          token.kind === 'absent'
            ? "the user's pages carry no field of that name: its posts go without one"
            : "read from a form of the user's own page",
      });
      for (const [what, action, state] of [
        ['Disable', disable, true],
        ['Enable', enable, false],
      ] as const) {
        await putBack(state);
        await submitFrom(user.page, account.provisioned.urls.portal, forged(action.posts, action.bound, token));
        expect.soft(await ssoEnabled(), `SSO ${state ? 'on' : 'off'} after a user seat posted ${what}`).toBe(state);
      }
      await user.page.context().close();
    });
  },
);
