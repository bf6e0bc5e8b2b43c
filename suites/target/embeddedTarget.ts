// The embedded reference portal as the target: started in-process with a random harness token,
// provisioned and read back through the same provisioning client a remote OE target uses.
import type { IdpServer } from '../../mock-idps/server.ts';
import { startEmbeddedPortal } from '../../portal/driverEmbedded.ts';
import type { HarnessTarget } from './harnessTarget.ts';
import { ProvisioningClient } from './provisioningClient.ts';
import type { Credentials } from './targetConfig.ts';

const SUPPORT_STAFF: Credentials = { email: 'support.agent@ooma.example', password: `support-${process.pid}-TEST-ONLY` };

export async function startEmbeddedTarget(defects: readonly string[], idp: IdpServer): Promise<HarnessTarget> {
  const portal = await startEmbeddedPortal({ defects, log: () => undefined });
  try {
    await portal.createSupportStaff({ name: 'Sam Support', ...SUPPORT_STAFF });
  } catch (error) {
    await portal.close();
    throw error;
  }
  const provisioning = new ProvisioningClient(portal.url, portal.harnessToken);
  return {
    name: 'embedded reference portal',
    portalUrl: portal.url,
    idpControlUrl: idp.controlUrl,
    selectors: {},
    supportStaff: SUPPORT_STAFF,
    secrets: [portal.harnessToken],
    provisionAccount: (spec) => provisioning.createAccount(spec),
    accountState: (accountId) => provisioning.accountState(accountId),
    async close() {
      await Promise.all([portal.close(), idp.close()]);
    },
  };
}
