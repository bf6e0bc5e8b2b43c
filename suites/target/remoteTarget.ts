// A real OE test environment as the target (a target file): the suites drive its pages at the URLs
// its provisioning API gives, with the names and capabilities its target file declares, and get a
// fresh account per test from that API, over HTTP only. The mock IdP server still runs here, on
// loopback: the OE build must run on this machine to reach it.
import type { IdpServer } from '../../mock-idps/index.ts';
import { createPortalDriver } from '../driver/createPortalDriver.ts';
import { namesWith } from '../driver/reference/names.ts';
import type { HarnessTarget } from './harnessTarget.ts';
import { missingProvisioning } from './preflightError.ts';
import { ProvisioningClient } from './provisioningClient.ts';
import type { RemoteTargetConfig } from './targetConfig.ts';

export function remoteTarget(config: RemoteTargetConfig, idp: IdpServer): HarnessTarget {
  if (!config.provisioning) throw missingProvisioning(config);
  const provisioning = new ProvisioningClient(config.provisioning.url, config.provisioning.token);
  const target: HarnessTarget = {
    name: config.name,
    portalUrl: config.baseUrl,
    idpControlUrl: idp.controlUrl,
    supportStaff: config.support,
    secrets: [config.provisioning.token, config.support.password, ...(config.admin ? [config.admin.password] : [])],
    names: namesWith(config.selectors),
    capabilities: config.capabilities,
    provisionAccount: (spec) => provisioning.createAccount(spec),
    accountState: (accountId) => provisioning.accountState(accountId),
    provisioningStatusWithToken: (accountId, alter) => provisioning.statusWithAlteredToken(accountId, alter),
    setSeatDisabled: (accountId, seatId, disabled) => provisioning.setSeatDisabled(accountId, seatId, disabled),
    async configureSso(accountId, spec) {
      if (!config.capabilities.ssoConfigApi)
        throw new Error(
          `The target file ${config.file} does not declare "provisioning": { "ssoConfig": true }: SSO is configured through the admin UI.`,
        );
      await provisioning.configureSso(accountId, spec);
    },
    driver: (page, account) => createPortalDriver(page, target, account),
    close: () => idp.close(),
  };
  return target;
}
