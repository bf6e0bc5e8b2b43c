// support/'s door: support's tools — explain, repro, the offline certification of a customer file, the demo; each tool's engine loads when
// it is called.
import type * as demo from './demo/stage.ts';
import type * as explain from './explain/explain.ts';
import type * as offlineCertify from './offlineCertify/run.ts';
import type * as fromFile from './repro/fromFile.ts';
import type * as run from './repro/run.ts';
import type * as stage from './repro/stage.ts';

export { SupportInputError } from './artefacts/errors.ts';
export type { Demo } from './demo/stage.ts';
export { renderExplainText } from './explain/render.ts';
export { NoDisplayError, displayAvailable } from './repro/display.ts';
export { PortalRefusedConfigurationError } from './repro/portalApi.ts';
export { describeSymptom, renderRunSummary, renderStageBanner, scenarioListEntry } from './repro/render.ts';
export {
  REPRO_SCENARIOS,
  ScenarioPersonaError,
  UnknownScenarioError,
  expectedSymptom,
  findScenario,
  type ReproScenario,
} from './repro/scenarios.ts';
export type { ReproStage } from './repro/stage.ts';

/** The demo: the reference portal and the mock IdPs wired together on loopback (both load on the call). */
export function startDemo(...args: Parameters<typeof demo.startDemo>): ReturnType<typeof demo.startDemo> {
  return import('./demo/stage.ts').then((module) => module.startDemo(...args));
}

/** Diagnose a captured SAMLResponse, JWT or HAR file (the checks load on the call). */
export function explainArtefact(...args: Parameters<typeof explain.explainArtefact>): ReturnType<typeof explain.explainArtefact> {
  return import('./explain/explain.ts').then((module) => module.explainArtefact(...args));
}

/** Certify a customer's file offline, without a portal (the checks load on the call). */
export function runOfflineCertify(
  ...args: Parameters<typeof offlineCertify.runOfflineCertify>
): ReturnType<typeof offlineCertify.runOfflineCertify> {
  return import('./offlineCertify/run.ts').then((module) => module.runOfflineCertify(...args));
}

/** A repro scenario read from a customer's file (loads the explain checks on the call). */
export function scenarioFromCustomerFile(
  ...args: Parameters<typeof fromFile.scenarioFromCustomerFile>
): ReturnType<typeof fromFile.scenarioFromCustomerFile> {
  return import('./repro/fromFile.ts').then((module) => module.scenarioFromCustomerFile(...args));
}

/** Stand a repro scenario up on loopback: portal, IdP persona, account, SSO set up then broken (loads both on the call). */
export function stageScenario(...args: Parameters<typeof stage.stageScenario>): ReturnType<typeof stage.stageScenario> {
  return import('./repro/stage.ts').then((module) => module.stageScenario(...args));
}

/** Run a staged scenario's logins in Chromium (playwright-core loads on the call). */
export function runScenario(...args: Parameters<typeof run.runScenario>): ReturnType<typeof run.runScenario> {
  return import('./repro/run.ts').then((module) => module.runScenario(...args));
}
