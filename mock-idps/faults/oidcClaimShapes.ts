// ID tokens whose claims have the right values in another JSON shape, or a shape that hides the
// wrong value: where a relying party that checks the value but not the shape goes partly wrong
// (a string "false" is truthy, a second audience hides behind azp, a number arrives as a string).
import { oidcFaultList, type OidcFault } from '../oidc/effects.ts';
import type { PersonaId } from '../types.ts';

const CORE = 'OpenID Connect Core 1.0';
const ATTACK_FIX = {
  default: "Nothing to change at the IdP: this token was forged or altered. The SP must check the claim's type as well as its value.",
} as const;

export const oidcClaimShapeFaults = oidcFaultList([
  {
    id: 'oidc.email-verified-string-false',
    title: 'email_verified is the string "false"',
    protocol: 'oidc',
    category: 'attack',
    personas: ['okta-oidc'],
    reference: `${CORE} §5.1 (email_verified is a boolean); a non-empty string is truthy in JavaScript`,
    expected: 'reject',
    reason: 'email-unverified',
    singleCheck: 'email_verified',
    customerSees: 'The portal refuses the login: the IdP does not vouch for the email address.',
    fix: ATTACK_FIX,
    how: '`email_verified: "false"` (a JSON string) in the ID token and userinfo.',
    effect: { seam: 'user-claims', set: { email_verified: 'false' } },
  },
  {
    id: 'oidc.aud-array-single',
    title: 'aud is a one-element array with the client id',
    protocol: 'oidc',
    category: 'quirk',
    personas: ['auth0-oidc'],
    reference: `${CORE} §2 (aud: a string or an array of strings)`,
    expected: 'accept',
    customerSees: 'Nothing: the login works.',
    fix: { default: 'Nothing to change: aud may be a string or an array.' },
    how: '`aud` = [this client] instead of the string.',
    effect: { seam: 'id-token', jwt: { claims: [{ op: 'audience', variant: 'array' }] } },
  },
  {
    id: 'oidc.aud-extra-with-azp',
    title: 'Several audiences, azp naming this client',
    protocol: 'oidc',
    category: 'attack',
    personas: ['entra-oidc', 'google-oidc'],
    reference: `${CORE} §3.1.3.7 step 3 ("reject … if it contains additional audiences not trusted by the Client"), not rescued by azp (steps 4–5)`,
    expected: 'reject',
    reason: 'oidc-audience-mismatch',
    singleCheck: 'audience',
    customerSees: 'The portal refuses the login: the ID token is also meant for another application.',
    fix: ATTACK_FIX,
    how: '`aud` = [this client, another client], `azp` = this client.',
    effect: { seam: 'id-token', jwt: { claims: [{ op: 'audience', variant: 'extra-with-azp' }] } },
  },
  {
    id: 'oidc.azp-foreign-single-aud',
    title: 'One audience (this client), azp naming another client',
    protocol: 'oidc',
    category: 'attack',
    personas: ['okta-oidc'],
    reference: `${CORE} §3.1.3.7 step 5 (when azp is present it MUST be the client; checked with one audience too)`,
    expected: 'reject',
    reason: 'oidc-audience-mismatch',
    singleCheck: 'audience',
    customerSees: 'The portal refuses the login: the ID token was issued to another application.',
    fix: ATTACK_FIX,
    how: '`aud` = this client, `azp` = another client.',
    effect: { seam: 'id-token', jwt: { claims: [{ op: 'audience', variant: 'foreign-azp' }] } },
  },
  ...(['exp', 'iat'] as const).map((claim, index): OidcFault<`oidc.${typeof claim}-as-string`> => ({
    id: `oidc.${claim}-as-string`,
    title: `${claim} written as a JSON string`,
    protocol: 'oidc',
    category: 'attack',
    personas: [(['google-oidc', 'entra-oidc'] as const satisfies readonly PersonaId[])[index] ?? 'google-oidc'],
    reference: 'RFC 7519 §4.1.4, §4.1.6 (NumericDate: a JSON number); OIDC Core §2',
    // No single check to relax: a JWT library refuses a NumericDate that is a string whatever the RP asks.
    expected: 'reject',
    reason: 'oidc-claim-missing',
    customerSees: 'The portal refuses the login: the ID token lacks a valid time claim.',
    fix: ATTACK_FIX,
    how: `\`${claim}\` is "1767225600" (a string), not a number.`,
    effect: { seam: 'id-token', jwt: { claims: [{ op: 'stringify', claims: [claim] }] } },
  })),
]);
