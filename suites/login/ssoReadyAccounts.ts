// Login suites need an account with SSO configured and enabled per persona, not a fresh one per
// test: each worker sets one up per persona on first use (through the portal, as the admin does in
// the lifecycle), and every test of that persona logs in with its own devices. Tenants are deleted
// when the worker ends.
import type { IdpControlClient, OidcPersona, PersonaId, SamlPersona } from '../../mock-idps/index.ts';
import { PERSONAS } from '../../mock-idps/index.ts';
import { test as base, type TestAccount } from '../entrypoints/fixtures.ts';
import { setUpAndEnableSso } from '../flows/ssoSetUp.ts';
import { newIdpTenant, provisionAdminAndUser } from '../flows/testAccount.ts';

export interface SsoReadyAccount {
  readonly persona: SamlPersona | OidcPersona;
  readonly idp: IdpControlClient;
  readonly account: TestAccount;
}

export const test = base.extend<object, { ssoReadyAccount: (personaId: PersonaId) => Promise<SsoReadyAccount> }>({
  ssoReadyAccount: [
    async ({ browser, target }, use) => {
      const ready = new Map<PersonaId, Promise<SsoReadyAccount>>();
      const tenants: IdpControlClient[] = [];
      const setUp = async (personaId: PersonaId): Promise<SsoReadyAccount> => {
        const persona = PERSONAS[personaId];
        const idp = await newIdpTenant(target);
        tenants.push(idp);
        const account = await provisionAdminAndUser(target, idp);
        const adminBrowser = await browser.newContext({ baseURL: target.portalUrl });
        try {
          await setUpAndEnableSso(target.driver(await adminBrowser.newPage(), account.provisioned), idp, persona, account.admin);
        } finally {
          await adminBrowser.close();
        }
        return { persona, idp, account };
      };
      await use((personaId) => {
        let account = ready.get(personaId);
        if (!account) {
          account = setUp(personaId);
          ready.set(personaId, account);
        }
        return account;
      });
      await Promise.all(tenants.map((idp) => idp.delete()));
    },
    { scope: 'worker' },
  ],
});

export { expect } from '../entrypoints/fixtures.ts';
