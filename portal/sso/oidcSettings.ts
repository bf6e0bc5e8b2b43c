// Validation of the OIDC part of the "IdP and SSO" section. Every problem is a FieldError naming the
// OidcSettingsInput property and saying what to change; the client secret is never echoed.
import { parseClockSkew } from './clockSkew.ts';
import type { FieldError, OidcSettings, OidcSettingsInput, Validated } from './contract.ts';
import { checkLoopbackUrl } from './loopbackFetch.ts';
import { discoverIssuer } from './oidcDiscovery.ts';
import { presetChoices, presetOf } from './presets.ts';
import { DEFAULT_OIDC_EMAIL_CLAIM, isVendorPreset } from './vendors.ts';

export const DEFAULT_OIDC_SCOPES = 'openid email profile';
export const DEFAULT_OIDC_CLOCK_SKEW_SECONDS = 120;
// RFC 6749 §3.3 scope-token: printable ASCII except space, double quote and backslash.
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
// Plain claim names and Auth0's namespaced (URL) custom claims.
const CLAIM_NAME = /^[A-Za-z0-9_.:/#-]{1,256}$/;
const DOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

export async function validateOidcSettings(input: OidcSettingsInput, _opts: { now: Date }): Promise<Validated<OidcSettings>> {
  const errors: FieldError[] = [];
  const warnings: string[] = [];
  const vendorOk = isVendorPreset(input.vendor);
  if (!vendorOk) errors.push({ field: 'vendor', message: `Unknown vendor preset "${String(input.vendor)}": choose ${presetChoices()}.` });

  const issuer = input.issuer?.trim() ?? '';
  const issuerProblem = checkIssuerShape(issuer);
  if (issuerProblem) errors.push({ field: 'issuer', message: issuerProblem });

  const clientId = input.clientId?.trim() ?? '';
  if (clientId === '')
    errors.push({
      field: 'clientId',
      message:
        'Enter the client ID of the application registered at the IdP (Entra: "Application (client) ID"; Okta and Auth0: "Client ID"; Google: the OAuth client ID ending in .apps.googleusercontent.com).',
    });
  else if (/\s/.test(clientId) || clientId.length > 256)
    errors.push({
      field: 'clientId',
      message: 'The client ID must be one value without spaces (at most 256 characters): copy it again from the IdP.',
    });

  const clientSecret = input.clientSecret ?? '';
  if (clientSecret.trim() === '')
    errors.push({
      field: 'clientSecret',
      message:
        'Enter the client secret of the application (Entra: Certificates & secrets → the secret *Value*, not its ID; Okta, Auth0, Google: "Client secret").',
    });
  else if (/[\r\n]/.test(clientSecret) || clientSecret.length > 512)
    errors.push({
      field: 'clientSecret',
      message: 'The client secret must be a single line of at most 512 characters: copy it again from the IdP.',
    });

  const scopes = normaliseScopes(input.scopes, errors);
  const emailClaim = input.emailClaim?.trim() || DEFAULT_OIDC_EMAIL_CLAIM;
  if (!CLAIM_NAME.test(emailClaim))
    errors.push({
      field: 'emailClaim',
      message:
        'The email claim must be one claim name (e.g. email, preferred_username, or a namespaced claim such as https://example.com/email), without spaces.',
    });

  const skew = parseClockSkew(input.allowedClockSkewSeconds, DEFAULT_OIDC_CLOCK_SKEW_SECONDS);
  if (!skew.ok) errors.push({ field: 'allowedClockSkewSeconds', message: skew.message });

  const hostedDomain = input.hostedDomain?.trim().toLowerCase() ?? '';
  if (hostedDomain !== '' && !(vendorOk && presetOf(input.vendor).oidc.hostedDomain))
    errors.push({
      field: 'hostedDomain',
      message: 'A hosted domain applies to Google Workspace only: clear it, or choose the Google Workspace preset.',
    });
  else if (hostedDomain !== '' && !DOMAIN.test(hostedDomain))
    errors.push({
      field: 'hostedDomain',
      message: `"${hostedDomain.slice(0, 80)}" is not a domain name: enter the Workspace primary domain, e.g. corp.example.`,
    });

  if (vendorOk) warnings.push(...vendorWarnings(input.vendor, emailClaim, hostedDomain));

  if (!issuerProblem) {
    const discovery = await discoverIssuer(issuer, { fresh: true });
    if (!discovery.ok) errors.push({ field: 'issuer', message: discovery.message });
    else {
      const methods = discovery.metadata.code_challenge_methods_supported;
      if (Array.isArray(methods) && !methods.includes('S256'))
        warnings.push(
          'The IdP discovery document does not list PKCE S256 (code_challenge_methods_supported); logins send it anyway. If the IdP refuses them, enable PKCE for the application.',
        );
    }
  }

  if (errors.length > 0 || !skew.ok || !vendorOk) return { ok: false, errors };
  return {
    ok: true,
    value: {
      protocol: 'oidc',
      vendor: input.vendor,
      issuer,
      clientId,
      clientSecret,
      scopes,
      emailClaim,
      allowedClockSkewSeconds: skew.value,
      ...(hostedDomain ? { hostedDomain } : {}),
      warnings,
    },
  };
}

function checkIssuerShape(issuer: string): string | undefined {
  if (issuer === '')
    return 'Enter the issuer URL (Entra: https://login.microsoftonline.com/{tenant id}/v2.0; Okta: https://{org}.okta.com or https://{org}.okta.com/oauth2/default; Google: https://accounts.google.com; Auth0: https://{tenant}.auth0.com/ with the trailing slash).';
  const check = checkLoopbackUrl(issuer);
  if (!check.ok) return `The issuer ${check.problem}`;
  if (check.url.search || check.url.hash)
    return 'The issuer must not carry a query or fragment (OpenID Connect Discovery §3): remove everything after "?" or "#".';
  return undefined;
}

function normaliseScopes(raw: string | undefined, errors: FieldError[]): string {
  const tokens = [...new Set((raw?.trim() || DEFAULT_OIDC_SCOPES).split(/\s+/))];
  const bad = tokens.find((t) => !SCOPE_TOKEN.test(t));
  if (bad !== undefined)
    errors.push({
      field: 'scopes',
      message: `The scope "${bad.slice(0, 40)}" contains characters scopes cannot hold: separate scopes with spaces (e.g. openid email profile), not commas or quotes.`,
    });
  else if (!tokens.includes('openid'))
    errors.push({
      field: 'scopes',
      message: `The scopes must include "openid" (without it the IdP sends no ID token): e.g. "openid ${tokens.join(' ')}".`,
    });
  return tokens.join(' ');
}

function vendorWarnings(vendor: OidcSettingsInput['vendor'], emailClaim: string, hostedDomain: string): string[] {
  const quirks = presetOf(vendor).oidc;
  if (quirks.optionalEmailClaim && emailClaim === 'email') return [quirks.optionalEmailClaim.emailWarning];
  if (quirks.optionalEmailClaim && emailClaim === 'preferred_username') return [quirks.optionalEmailClaim.preferredUsernameWarning];
  if (quirks.hostedDomain && hostedDomain === '') {
    return [
      'No hosted domain is set: any Google account whose email matches a seat can log in, including accounts outside your Workspace. Set the hosted domain to require Workspace accounts.',
    ];
  }
  return [];
}
