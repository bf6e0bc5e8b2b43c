// Who may save the account's IdP and SSO settings. A forged save is the shortest way to take an
// account over: whoever saves the settings chooses the IdP that vouches for its seats. The admin's
// save is recorded in two sessions (which tells the anti-forgery fields apart), then sent again:
//  - from an attacker's page while the admin is logged in: without the token, with an empty one,
//    with another session's;
//  - by a user seat of the account, with its own session's token.
// The verdict is the saved configuration's version, read through the target: it must not move.
import { PERSONAS } from '../../mock-idps/index.ts';
import { expect, test } from '../fixtures.ts';
import { ssoSetUp } from '../flows/ssoSetUp.ts';
import { RULE } from '../login/ruleTags.ts';
import { FORGERIES, forged, openAttackerPage, ownToken, postsOf, sessionBoundFields, submitFrom } from './formPosts.ts';

const persona = PERSONAS['okta-saml'];

test(
  "saving the IdP and SSO settings refuses posts forged on another page (no token, an empty one, another session's) and posts by a user seat",
  {
    tag: [RULE.antiForgery, RULE.adminRole],
  },
  async ({ browser, target, account, idp, driver }) => {
    test.info().annotations.push(
      ...['csrf-skip', 'csrf-when-present', 'csrf-token-format-only', 'csrf-skip-settings-save', 'admin-role-unchecked'].map((id) => ({
        type: 'caught-defect',
        description: id,
      })),
      { type: 'persona', description: persona.id },
      {
        type: 'spec',
        description:
          'OWASP ASVS 4.0.3 §4.2.2 (anti-forgery on state-changing requests), §4.1.3 (least privilege: admin actions need the admin role); the save is the same whatever the IdP, so one persona proves it',
      },
    );
    const origin = new URL(account.provisioned.urls.login).origin;
    const savedVersion = async (): Promise<number | null> => (await driver.accountState()).sso.version;

    const save = await test.step('the admin saves the IdP settings in two sessions (the posts are recorded)', async () => {
      await driver.login.logInWithPassword(account.admin.email, account.admin.password);
      const posts = await postsOf(driver.page, origin, () => ssoSetUp(driver, idp, persona).enterIdpConfiguration());
      const other = target.driver(await (await browser.newContext({ baseURL: target.portalUrl })).newPage(), account.provisioned);
      await other.login.logInWithPassword(account.admin.email, account.admin.password);
      const otherPosts = await postsOf(other.page, origin, () => ssoSetUp(other, idp, persona).enterIdpConfiguration());
      await other.page.context().close();
      return { posts, other: otherPosts, bound: sessionBoundFields(posts, otherPosts) };
    });
    test.info().annotations.push({
      type: 'anti-forgery fields',
      description: save.bound.size > 0 ? [...save.bound].join(', ') : 'none (no field differs between two sessions)',
    });
    expect(await savedVersion(), 'the saved configuration has a version').not.toBeNull();

    const attacker = await openAttackerPage(driver.page.context());
    for (const [how, variant] of FORGERIES) {
      await test.step(`the save posted from the attacker's page ${how}, the admin being logged in: the saved version does not move`, async () => {
        const before = await savedVersion();
        await submitFrom(attacker.page, attacker.url, forged(save.posts, save.bound, variant(save.other)));
        expect.soft(await savedVersion(), `the saved configuration's version after a save forged ${how}`).toBe(before);
      });
    }

    await test.step("a user seat of the account posts the save with its own session's token: the saved version does not move", async () => {
      const user = target.driver(await (await browser.newContext({ baseURL: target.portalUrl })).newPage(), account.provisioned);
      await user.login.logInWithPassword(account.user.email, account.user.password);
      await user.home.expectSignedIn(account.user.email, 'password');
      const before = await savedVersion();
      await submitFrom(user.page, account.provisioned.urls.portal, forged(save.posts, save.bound, await ownToken(user.page, save.bound)));
      expect.soft(await savedVersion(), "the saved configuration's version after a user seat posted the save").toBe(before);
      await user.page.context().close();
    });
  },
);
