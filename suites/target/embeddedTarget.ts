// The embedded reference portal as the target: started in-process with a random harness token,
// provisioned and read back through the same provisioning client a remote OE target uses, driven
// with the reference portal's names and capabilities (suites/driver/reference/).
import type { IdpServer } from '../../mock-idps/index.ts';
import { startEmbeddedPortal } from '../../portal/index.ts';
import { createPortalDriver } from '../driver/createPortalDriver.ts';
import { REFERENCE_NAMES } from '../driver/reference/names.ts';
import { REFERENCE_CAPABILITIES } from '../driver/reference/referenceTarget.ts';
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
  const target: HarnessTarget = {
    name: 'embedded reference portal',
    portalUrl: portal.url,
    idpControlUrl: idp.controlUrl,
    supportStaff: SUPPORT_STAFF,
    secrets: [portal.harnessToken],
    names: REFERENCE_NAMES,
    capabilities: REFERENCE_CAPABILITIES,
    provisionAccount: (spec) => provisioning.createAccount(spec),
    accountState: (accountId) => provisioning.accountState(accountId),
    provisioningStatusWithToken: (accountId, alter) => provisioning.statusWithAlteredToken(accountId, alter),
    setSeatDisabled: (accountId, seatId, disabled) => provisioning.setSeatDisabled(accountId, seatId, disabled),
    configureSso: (accountId, spec) => provisioning.configureSso(accountId, spec),
    driver: (page, account) => createPortalDriver(page, target, account),
    async close() {
      await Promise.all([portal.close(), idp.close()]);
    },
  };
  return target;
}
