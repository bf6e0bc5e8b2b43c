// reporting/'s testing entry: what bench and scripts use besides reporting/index.ts (reading a Playwright run's results).
export { findFlakes, parsePlaywrightResults, readPlaywrightResults, type RunOutcomes } from '../playwrightResults.ts';
