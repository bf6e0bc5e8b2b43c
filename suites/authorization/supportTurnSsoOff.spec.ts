// Support's Turn SSO off is a state-changing action of the support console, and the console's
// session is as forgeable as a customer's: a page elsewhere, opened by support staff while they
// are logged in, must not turn a customer's SSO off. Support's Turn SSO off is recorded in two
// support sessions (which tells the anti-forgery fields apart), then sent again from an attacker's
// page in the first support browser: without the token, with an empty one, with another session's.
// The verdict is the account's SSO state, read through the target: it stays on.
import { PERSONAS } from '../../mock-idps/index.ts';
import type { PortalDriver } from '../driver/portalDriver.ts';
import { expect, test } from '../fixtures.ts';
import { setUpAndPassTestSso } from '../flows/ssoSetUp.ts';
import { RULE } from '../login/ruleTags.ts';
import { FORGERIES, forged, openAttackerPage, postsOf, sessionBoundFields, submitFrom, type FormPost } from './formPosts.ts';

const persona = PERSONAS['okta-saml'];

test(
  "support's Turn SSO off refuses posts forged on another page (no token, an empty one, another support session's)",
  {
    tag: RULE.antiForgery,
  },
  async ({ browser, target, account, idp, driver }) => {
    test.info().annotations.push(
      ...['csrf-skip', 'csrf-when-present', 'csrf-token-format-only', 'csrf-skip-support-console'].map((id) => ({
        type: 'caught-defect',
        description: id,
      })),
      { type: 'persona', description: persona.id },
      {
        type: 'spec',
        description:
          "OWASP ASVS 4.0.3 §4.2.2 (anti-forgery on state-changing requests, the support console's included); the action is the same whatever the IdP, so one persona proves it",
      },
    );
    const supportOrigin = new URL(account.provisioned.urls.support).origin;
    const ssoEnabled = async (): Promise<boolean> => (await driver.accountState()).sso.enabled;
    /** The admin turns SSO back on after support (or a forged post) turned it off. */
    const backOn = async (): Promise<void> => {
      if (!(await ssoEnabled())) await driver.sso.enableSso();
    };
    /**
     * Support staff logged in in a browser of their own, on the account's page; the first asks for access, the grant then holds for the
     * staff member.
     */
    const supportStaff = async (asksForAccess: boolean): Promise<PortalDriver> => {
      const staff = target.driver(await (await browser.newContext({ baseURL: target.portalUrl })).newPage(), account.provisioned);
      await staff.support.logIn();
      if (asksForAccess) await staff.support.accessAccount('OE-4242', 'The customer asked us to turn SSO off while they fix their IdP');
      else await staff.page.goto(account.provisioned.urls.supportAccount);
      await expect(
        staff.support.turnSsoOffControl,
        "the account's page in the console offers Turn SSO off (SSO is on, access granted)",
      ).toBeVisible();
      return staff;
    };

    const { first, turnOff } =
      await test.step('the admin sets SSO up and turns it on; support turns it off in two sessions, the admin turning it back on in between (the posts are recorded)', async () => {
        await setUpAndPassTestSso(driver, idp, persona, account.admin);
        await driver.sso.enableSso();
        const staff = await supportStaff(true);
        const posts = await postsOf(staff.page, supportOrigin, () => staff.support.turnSsoOff());
        expect(await ssoEnabled(), 'support turned SSO off').toBe(false);
        await backOn();
        const other = await supportStaff(false);
        const otherPosts: FormPost[] = await postsOf(other.page, supportOrigin, () => other.support.turnSsoOff());
        await other.page.context().close();
        await backOn();
        return { first: staff, turnOff: { posts, other: otherPosts, bound: sessionBoundFields(posts, otherPosts) } };
      });
    test.info().annotations.push({
      type: 'anti-forgery fields',
      description: turnOff.bound.size > 0 ? [...turnOff.bound].join(', ') : 'none (no field differs between two sessions)',
    });

    const attacker = await openAttackerPage(first.page.context());
    for (const [how, variant] of FORGERIES) {
      await test.step(`Turn SSO off posted from the attacker's page ${how}, support being logged in: SSO stays on`, async () => {
        await submitFrom(attacker.page, attacker.url, forged(turnOff.posts, turnOff.bound, variant(turnOff.other)));
        expect.soft(await ssoEnabled(), `SSO on after support's Turn SSO off was forged ${how}`).toBe(true);
        await backOn();
      });
    }
    await first.page.context().close();
  },
);
