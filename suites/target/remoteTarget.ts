// A real OE test environment as the target (a target file): the suites drive its pages at baseUrl
// and get a fresh account per test from its harness provisioning API, over HTTP only. The mock
// IdP server still runs here, on loopback: the OE build must run on this machine to reach it.
import type { IdpServer } from '../../mock-idps/server.ts';
import type { HarnessTarget } from './harnessTarget.ts';
import { missingProvisioning } from './preflightError.ts';
import { ProvisioningClient } from './provisioningClient.ts';
import type { RemoteTargetConfig } from './targetConfig.ts';

export function remoteTarget(config: RemoteTargetConfig, idp: IdpServer): HarnessTarget {
  if (!config.provisioning) throw missingProvisioning(config);
  const provisioning = new ProvisioningClient(config.provisioning.url, config.provisioning.token);
  return {
    name: config.name,
    portalUrl: config.baseUrl,
    idpControlUrl: idp.controlUrl,
    selectors: config.selectors,
    supportStaff: config.support,
    secrets: [config.provisioning.token, config.admin.password],
    provisionAccount: (spec) => provisioning.createAccount(spec),
    accountState: (accountId) => provisioning.accountState(accountId),
    close: () => idp.close(),
  };
}
