// What a test of each spec file costs, in seconds, for cutting a sharded certification into shards
// of equal work (cli/certify/shardCut.ts): Playwright cuts by test count, and a lifecycle story
// costs some 300 conformance scenarios. The mean duration of a test of the file in a full
// certification of the embedded portal on 2 cores (`certify --ci`, both workers busy; 2026-12-07);
// only the ratios matter. The two matrices' figures add their accounts' set-up (once per worker,
// in no test's duration): with 0.05 s, the 4-shard cut left the matrix shard 1.4× the others.
// suites/testCosts.test.ts fails when a spec file has no entry or an entry names no file.
// Re-measure when a suite's work changes much: the mean of each file's test durations in
// reports/playwright/results.json.
export const SECONDS_PER_TEST: Readonly<Record<string, number>> = {
  'authorization/adminAccountScope.spec.ts': 3.71,
  'authorization/provisioningToken.spec.ts': 0.33,
  'authorization/secretsShownBack.spec.ts': 2.78,
  'authorization/ssoSettingsSave.spec.ts': 3.65,
  'authorization/ssoSwitchActions.spec.ts': 6.98,
  'authorization/supportGrantScope.spec.ts': 1.8,
  'authorization/supportTurnSsoOff.spec.ts': 5.33,
  'authorization/tenantIsolation.spec.ts': 1.13,
  'conformance/catalogMatrix.spec.ts': 0.085,
  'enable/enableWarnings.spec.ts': 5.68,
  'foundation/adminSamlSetup.spec.ts': 1.16,
  'fuzz/targetRobustness.spec.ts': 0.7,
  'lifecycle/ssoLifecycle.spec.ts': 16.73,
  'login/accountStateChanges.spec.ts': 1.7,
  'login/entryPointLogin.spec.ts': 0.72,
  'login/nativeNearMiss.spec.ts': 0.45,
  'login/nativeRefusals.spec.ts': 0.46,
  'login/passwordReturnPath.spec.ts': 8.5,
  'metadata/jwksRedirect.spec.ts': 1.76,
  'metadata/metadataRedirect.spec.ts': 1.28,
  'metadata/metadataSigningKeys.spec.ts': 2.28,
  'seats/seatData.spec.ts': 2.84,
  'seats/seatEmailAudit.spec.ts': 3.34,
  'security/browserParity.spec.ts': 0.76,
  'security/securityMatrix.spec.ts': 0.1,
  'session/seatDisabled.spec.ts': 1.75,
  'session/sessionKinds.spec.ts': 2.99,
  'session/sessionLifecycle.spec.ts': 3.19,
};

/** A spec file not in the table (a new suite before its first measurement) counts as a browser test of average cost. */
export const UNKNOWN_FILE_SECONDS_PER_TEST = 2;

/** The cost of one test of `file` (its path under suites/, as Playwright lists it). */
export function secondsPerTest(file: string): number {
  return SECONDS_PER_TEST[file] ?? UNKNOWN_FILE_SECONDS_PER_TEST;
}
