// lib/'s testing entry: what other folders' tests, bench and scripts use besides lib/index.ts (output capture, the cookie jar, the process
// table, the test-only certificate mark).
export { HEADLESS_SHELL } from '../browserBinary.ts';
export { CookieJar } from '../http/cookieJar.ts';
export { isLoopbackHttpUrl } from '../net.ts';
export { processTable } from '../processTable.ts';
export { TEST_ONLY_COMMENT, testOnlyMarkOf } from '../x509.ts';
export { captureOutput, type CapturedOutput } from './captureOutput.ts';
