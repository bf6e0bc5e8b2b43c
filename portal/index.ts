// portal/'s door: the reference portal — started on call (createPortal, startEmbeddedPortal load the app then), its defects, vendor presets
// and SP endpoints.
import type * as app from './app.ts';
import type * as embedded from './driverEmbedded.ts';

export type { Portal } from './app.ts';
export { DEFECTS, DEFECT_IDS, RULES, isDefectId, parseDefects, type DefectId, type DefectInfo, type RuleId } from './defects.ts';
export { seedDemoAccount, type DemoCredentials } from './demoAccount.ts';
export type { EmbeddedPortal, ProvisionedAccount } from './driverEmbedded.ts';
export type { SsoProtocol, VendorPreset } from './sso/contract.ts';
export { PRESET_IDS, presetOf } from './sso/presets.ts';
export { spEndpointsFor } from './sso/spEndpoints.ts';

/** The portal's HTTP app on loopback (the app, express and the SSO libraries load on the call). */
export function createPortal(...args: Parameters<typeof app.createPortal>): ReturnType<typeof app.createPortal> {
  return import('./app.ts').then((module) => module.createPortal(...args));
}

/** The portal in this process with a throw-away database, for the suites and support (loads the app on the call). */
export function startEmbeddedPortal(
  ...args: Parameters<typeof embedded.startEmbeddedPortal>
): ReturnType<typeof embedded.startEmbeddedPortal> {
  return import('./driverEmbedded.ts').then((module) => module.startEmbeddedPortal(...args));
}
