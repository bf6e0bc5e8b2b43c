// Ooma support's access is per account: a grant (ticket and reason) for account A opens nothing of
// account B, neither B's page in the console nor B's Turn SSO off. The post support sent to turn
// A's SSO off is recorded and sent again with A's account id changed to B's wherever it appears
// (its URL or its fields): the way someone edits an id in a request. Verdict: B's page offers no
// Turn SSO off, and B's SSO state, read through the target, stays on.
import { PERSONAS } from '../../mock-idps/index.ts';
import { tenantRecordingSecrets, withSeatPasswordsRecorded } from '../evidenceFixtures.ts';
import { expect, test } from '../fixtures.ts';
import { newIdpTenant, provisionAdminAndUser } from '../flows/testAccount.ts';
import { ssoOnForSuite } from '../flows/ssoByApi.ts';
import { RULE } from '../login/ruleTags.ts';
import { swappedId, withAccountId } from './accountIds.ts';
import { recordFormPosts, submitFrom, type FormPost } from './formPosts.ts';

const persona = PERSONAS['okta-saml'];

/** The posts with every occurrence of account id `from` (a path segment, a query value, a field value) changed to `to`. */
function retargeted(posts: readonly FormPost[], from: number, to: number): { posts: FormPost[]; changed: boolean } {
  let changed = false;
  const result = posts.map((post) => {
    const url = withAccountId(post.url, from, to);
    const fields = post.fields.map(([name, value]) => [name, swappedId(value, from, to) ?? value] as const);
    changed ||= url !== undefined || fields.some(([, value], index) => value !== post.fields[index]?.[1]);
    return { ...post, url: url ?? post.url, fields };
  });
  return { posts: result, changed };
}

test(
  'support access granted for one account opens nothing of another: not its page, not its Turn SSO off',
  { tag: RULE.supportGrantScope },
  async ({ browser, target, account, idp, driver, evidence }) => {
    test
      .info()
      .annotations.push(
        ...['support-grant-any-account', 'support-action-grant-any-account'].map((id) => ({ type: 'caught-defect', description: id })),
        {
          type: 'spec',
          description:
            "OWASP ASVS 4.0.3 §4.2.1 (no access to another tenant's records by changing an id); the grant is the portal's, whatever the IdP: one persona proves it",
        },
      );
    const idpB = tenantRecordingSecrets(evidence, await newIdpTenant(target));
    try {
      const accountB = withSeatPasswordsRecorded(evidence, await provisionAdminAndUser(target, idpB));
      const contextB = await browser.newContext({ baseURL: target.portalUrl });
      const driverB = target.driver(await contextB.newPage(), accountB.provisioned);
      await test.step('accounts A and B each set SSO up and turn it on', async () => {
        await ssoOnForSuite(target, driver, idp, persona, account.admin);
        await ssoOnForSuite(target, driverB, idpB, persona, accountB.admin);
      });

      const support = target.driver(await (await browser.newContext({ baseURL: target.portalUrl })).newPage(), account.provisioned);
      const turnOffA =
        await test.step('support gets access to account A (ticket and reason) and turns its SSO off (the post is recorded)', async () => {
          await support.support.logIn();
          await support.support.accessAccount('OE-31337', 'Customer A is locked out after enabling SSO');
          const recording = recordFormPosts(support.page, new URL(account.provisioned.urls.support).origin);
          await support.support.turnSsoOff();
          expect((await driver.accountState()).sso.enabled, "account A's SSO is off").toBe(false);
          return recording.stop();
        });

      await test.step("support opens account B's page: no Turn SSO off (the console asks for a ticket instead)", async () => {
        await support.page.goto(accountB.provisioned.urls.supportAccount);
        await expect
          .soft(support.support.turnSsoOffControl, "Turn SSO off on account B's page, with a grant for account A only")
          .toHaveCount(0);
      });

      await test.step("support sends A's Turn SSO off with B's account id: B's SSO stays on", async () => {
        const { posts, changed } = retargeted(turnOffA, account.id, accountB.id);
        test.skip(
          !changed,
          "The Turn SSO off post names no account id in its URL or fields: there is nothing to change to another account's.",
        );
        await submitFrom(support.page, account.provisioned.urls.support, posts);
        expect
          .soft((await driverB.accountState()).sso.enabled, "account B's SSO after support sent Turn SSO off for B with a grant for A only")
          .toBe(true);
      });
      await contextB.close();
    } finally {
      await idpB.reset();
      await idpB.delete();
    }
  },
);
