// An admin is the admin of one account. Links on the admin's pages that name the account by its id
// (a JSON export of the audit log, say) are the classic place where a portal checks "is an admin"
// and forgets "of this account": the admin of account A changes the id to B's and reads B's data.
// Every link of A's admin pages whose path segment or query value is A's id is opened with B's id:
//  - by B's admin first, as a control: the page shows B's data (B's tenant key, in B's seat
//    emails and IdP addresses); a link that shows none of it even to B's admin judges nothing;
//  - then by A's admin: the answer must carry nothing of B (whatever its status).
import { PERSONAS } from '../../mock-idps/index.ts';
import { tenantRecordingSecrets, withSeatPasswordsRecorded } from '../evidenceFixtures.ts';
import { expect, test } from '../fixtures.ts';
import { newIdpTenant, provisionAdminAndUser } from '../flows/testAccount.ts';
import { ssoSetUp } from '../flows/ssoSetUp.ts';
import { RULE } from '../login/ruleTags.ts';
import { withAccountId } from './accountIds.ts';

const persona = PERSONAS['okta-saml'];

test(
  "an admin of account A reads nothing of account B by changing the account id in a link of A's pages",
  { tag: RULE.tenantIsolation },
  async ({ browser, target, account, idp, driver, evidence }) => {
    test.info().annotations.push(
      { type: 'caught-defect', description: 'api-account-unchecked' },
      {
        type: 'spec',
        description:
          "OWASP ASVS 4.0.3 §4.2.1 (no access to another tenant's records by changing an id); OWASP API Security Top 10 2023 API1 (broken object level authorization)",
      },
    );
    const idpB = tenantRecordingSecrets(evidence, await newIdpTenant(target));
    try {
      const accountB = withSeatPasswordsRecorded(evidence, await provisionAdminAndUser(target, idpB));
      const driverB = target.driver(await (await browser.newContext({ baseURL: target.portalUrl })).newPage(), accountB.provisioned);
      await test.step("B's admin logs in and saves B's IdP settings (B's audit log then names B's admin); A's admin logs in", async () => {
        await driverB.login.logInWithPassword(accountB.admin.email, accountB.admin.password);
        await ssoSetUp(driverB, idpB, persona).enterIdpConfiguration();
        await driver.login.logInWithPassword(account.admin.email, account.admin.password);
        await ssoSetUp(driver, idp, persona).enterIdpConfiguration();
      });

      const links = await test.step("the links of A's admin pages that name A's account id, with B's id instead", async () => {
        const pages = [
          account.provisioned.urls.portal,
          account.provisioned.urls.accountParameters,
          ...(account.provisioned.urls.auditLog ? [account.provisioned.urls.auditLog] : []),
        ];
        const origin = new URL(account.provisioned.urls.portal).origin;
        const found = new Set<string>();
        for (const url of pages) {
          await driver.page.goto(url);
          for (const href of await driver.page
            .locator('a[href]')
            .evaluateAll((anchors) => anchors.map((anchor) => (anchor as HTMLAnchorElement).href))) {
            if (new URL(href).origin !== origin) continue;
            const retargeted = withAccountId(href, account.id, accountB.id);
            if (retargeted) found.add(retargeted);
          }
        }
        return [...found];
      });
      test.info().annotations.push({
        type: 'links naming the account',
        description: links.length > 0 ? links.map((link) => new URL(link).pathname).join(', ') : 'none',
      });
      test.skip(links.length === 0, "No link of A's admin pages names the account id: there is no id to change.");

      const judged: string[] = [];
      for (const link of links) {
        await test.step(`${new URL(link).pathname}: B's admin sees B's data there; A's admin sees none of it`, async () => {
          const control = await driverB.page.request.get(link);
          if (!(await control.text()).includes(idpB.key)) return;
          judged.push(link);
          const answer = await driver.page.request.get(link);
          expect
            .soft(
              (await answer.text()).includes(idpB.key),
              `A's admin opening ${new URL(link).pathname} (answered ${answer.status()}) sees account B's data`,
            )
            .toBe(false);
        });
      }
      test.info().annotations.push({
        type: 'links judged',
        description:
          judged.length > 0
            ? judged.map((link) => new URL(link).pathname).join(', ')
            : "none: no such link shows B's data even to B's admin",
      });
      test.skip(judged.length === 0, "No link naming the account id shows the account's data (even to its own admin): nothing to judge.");
      await driverB.page.context().close();
    } finally {
      await idpB.reset();
      await idpB.delete();
    }
  },
);
