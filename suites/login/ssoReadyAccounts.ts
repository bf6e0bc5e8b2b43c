// Login suites need an account with SSO configured and enabled per persona, not a fresh one per
// test: each worker sets one up per persona on first use (through the SSO configuration API when
// the target has one, else through the portal as the admin does in the lifecycle), and every test
// of that persona logs in with its own devices. Tenants are deleted when the worker ends. The
// worker fixture `ssoReadyAccount` (suites/workerFixtures.ts) hands these out; the seats' passwords
// and the OIDC client secrets go to the run's secrets ledger (the admin types them when the set-up
// goes through the portal, in a browser the test's trace records).
import type { Browser } from '@playwright/test';
import type { IdpControlClient, OidcPersona, PersonaId, SamlPersona } from '../../mock-idps/index.ts';
import { PERSONAS } from '../../mock-idps/index.ts';
import { tenantRecordingSecrets, withSeatPasswordsRecorded, type SecretRecorder } from '../evidenceFixtures.ts';
import { configureSsoByApi } from '../flows/ssoByApi.ts';
import { setUpAndEnableSso } from '../flows/ssoSetUp.ts';
import { newIdpTenant, provisionAdminAndUser, type TestAccount } from '../flows/testAccount.ts';
import type { HarnessTarget } from '../target/harnessTarget.ts';

export interface SsoReadyAccount {
  readonly persona: SamlPersona | OidcPersona;
  readonly idp: IdpControlClient;
  readonly account: TestAccount;
}

export class SsoReadyAccounts {
  readonly #browser: Browser;
  readonly #target: HarnessTarget;
  readonly #secrets: SecretRecorder;
  readonly #ready = new Map<PersonaId, Promise<SsoReadyAccount>>();
  readonly #tenants: IdpControlClient[] = [];

  constructor(browser: Browser, target: HarnessTarget, secrets: SecretRecorder) {
    this.#browser = browser;
    this.#target = target;
    this.#secrets = secrets;
  }

  /** The persona's SSO-ready account, set up on the first call. */
  get(personaId: PersonaId): Promise<SsoReadyAccount> {
    let account = this.#ready.get(personaId);
    if (!account) {
      account = this.#setUp(personaId);
      this.#ready.set(personaId, account);
    }
    return account;
  }

  async close(): Promise<void> {
    await Promise.all(this.#tenants.map((idp) => idp.delete()));
  }

  async #setUp(personaId: PersonaId): Promise<SsoReadyAccount> {
    const persona = PERSONAS[personaId];
    const tenant = await newIdpTenant(this.#target);
    this.#tenants.push(tenant);
    const idp = tenantRecordingSecrets(this.#secrets, tenant);
    const account = withSeatPasswordsRecorded(this.#secrets, await provisionAdminAndUser(this.#target, idp));
    if (this.#target.capabilities.ssoConfigApi) {
      await configureSsoByApi(this.#target, idp, persona, account.provisioned);
      return { persona, idp, account };
    }
    const adminBrowser = await this.#browser.newContext({ baseURL: this.#target.portalUrl });
    try {
      await setUpAndEnableSso(this.#target.driver(await adminBrowser.newPage(), account.provisioned), idp, persona, account.admin);
    } finally {
      await adminBrowser.close();
    }
    return { persona, idp, account };
  }
}
