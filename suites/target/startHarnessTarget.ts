// The only suites/ module that starts servers: a mock IdP server and the target portal (the
// embedded reference portal in-process, or the remote OE environment of the target file).
import { startIdpServer } from '../../mock-idps/index.ts';
import { startEmbeddedTarget } from './embeddedTarget.ts';
import type { HarnessTarget } from './harnessTarget.ts';
import { remoteTarget } from './remoteTarget.ts';
import { loadTargetConfig, type TargetConfig } from './targetConfig.ts';

export async function startHarnessTarget(config: TargetConfig = loadTargetConfig()): Promise<HarnessTarget> {
  const idp = await startIdpServer();
  try {
    return config.kind === 'remote' ? remoteTarget(config, idp) : await startEmbeddedTarget(config.defects, idp);
  } catch (error) {
    await idp.close();
    throw error;
  }
}
