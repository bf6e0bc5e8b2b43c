// suites/'s testing entry: what other folders' tests use besides suites/index.ts (the reference portal's default names, which the portal's
// tests check against).
export { NAME_DOCS } from '../driver/reference/names.ts';
