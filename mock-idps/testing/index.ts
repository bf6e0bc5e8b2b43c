// mock-idps/'s testing entry: what other folders' tests, bench and scripts use besides mock-idps/index.ts (near-miss values, test sign-ins,
// tenant state, the OIDC test browser).
export { lockoutCauseFor } from '../faults/lockoutCauses.ts';
export { OFF_SITE_RETURN_PATHS, type ReturnPathSlug } from '../faults/redirectSafety.ts';
export { NEAR_MISS_VARIANTS, nearMiss, type NearMissVariant } from '../nearMissValues.ts';
export { HttpBrowser as OidcHttpBrowser } from '../oidc/httpBrowser.ts';
export { oidcPersona, signIn as oidcSignIn } from '../oidc/testServer.ts';
export { TestBrowser, postedResponse, signIn as samlSignIn } from '../saml/testing/browser.ts';
export { TenantState } from '../tenants.ts';
export type { SamlSigningScope } from '../types.ts';
