// Where each vendor console fixes the commonest SAML misconfigurations, in its own words: one
// source for the fault catalog (mock-idps/faults/saml.ts: what support tells a customer) and the
// reference portal's Test SSO result (what the admin reads after a failed test).

export const FIX_VENDORS = ['entra', 'okta', 'google', 'auth0'] as const;
export type FixVendor = (typeof FIX_VENDORS)[number];
export type VendorFix = { readonly default: string } & Readonly<Record<FixVendor, string>>;

export const ACS_FIX = {
  default: 'At the IdP, set the ACS / Reply URL to the ACS URL shown in the IdP and SSO section, exactly (scheme, host, path).',
  entra: 'Entra admin center → Enterprise applications → your app → Single sign-on → Basic SAML Configuration → Reply URL (Assertion Consumer Service URL): paste the ACS URL shown in the IdP and SSO section.',
  okta: 'Okta Admin Console → Applications → your app → General → SAML Settings → Edit → Single sign-on URL: paste the ACS URL shown in the IdP and SSO section.',
  google: 'Google Admin console → Apps → Web and mobile apps → your app → Service provider details → ACS URL: paste the ACS URL shown in the IdP and SSO section.',
  auth0: 'Auth0 Dashboard → Applications → your app → Addons → SAML2 Web App → Settings → Application Callback URL: paste the ACS URL shown in the IdP and SSO section.',
} as const;
export const AUDIENCE_FIX = {
  default: 'At the IdP, set the SP entity ID (Audience) to the SP entity ID shown in the IdP and SSO section, exactly — case and trailing slash included.',
  entra: 'Entra admin center → Enterprise applications → your app → Single sign-on → Basic SAML Configuration → Identifier (Entity ID): paste the SP entity ID shown in the IdP and SSO section.',
  okta: 'Okta Admin Console → Applications → your app → General → SAML Settings → Edit → Audience URI (SP Entity ID): paste the SP entity ID shown in the IdP and SSO section.',
  google: 'Google Admin console → Apps → Web and mobile apps → your app → Service provider details → Entity ID: paste the SP entity ID exactly (Google compares it case-sensitively).',
  auth0: 'Auth0 Dashboard → Applications → your app → Addons → SAML2 Web App → Settings: set "audience" to the SP entity ID shown in the IdP and SSO section.',
} as const;
export const ISSUER_FIX = {
  default: 'Copy the IdP entity ID (Issuer) from the IdP metadata into the IdP and SSO section, byte for byte.',
  entra: 'Entra admin center → your app → Single sign-on → "Set up" section: copy "Microsoft Entra Identifier" (https://sts.windows.net/{tenant id}/ — with the trailing slash).',
  okta: 'Okta Admin Console → your app → Sign On → View SAML setup instructions: copy "Identity Provider Issuer" (http://www.okta.com/exk… — http, not https).',
  google: 'Google Admin console → your app → Google Identity Provider details: copy "Entity ID" (https://accounts.google.com/o/saml2?idpid=…), not the SSO URL.',
  auth0: 'Auth0 Dashboard → your app → Addons → SAML2 Web App → Usage: copy "Issuer" (urn:{tenant}.auth0.com).',
} as const;
export const CERT_FIX = {
  default: 'Download the IdP\'s active signing certificate and upload it in the IdP and SSO section (or configure the metadata URL so it follows rotations).',
  entra: 'Entra admin center → your app → Single sign-on → SAML Certificates: download "Certificate (Base64)" of the *Active* certificate and upload it in the IdP and SSO section.',
  okta: 'Okta Admin Console → your app → Sign On → SAML Signing Certificates: Actions → Download certificate of the *Active* one, and upload it in the IdP and SSO section.',
  google: 'Google Admin console → your app → Google Identity Provider details: download the certificate and upload it in the IdP and SSO section.',
  auth0: 'Auth0 Dashboard → your app → Addons → SAML2 Web App → Usage: download the Identity Provider Certificate and upload it in the IdP and SSO section.',
} as const;
export const SIGNING_SCOPE_FIX = {
  default: 'Make the parts the IdP signs and the parts the SP requires agree: sign what the SP requires, or change "Signed parts" in the IdP and SSO section.',
  entra: 'Entra admin center → your app → Single sign-on → SAML Certificates → Edit → Signing Option: "Sign SAML response and assertion" (or match the SP\'s "Signed parts").',
  okta: 'Okta Admin Console → your app → General → SAML Settings → Show Advanced Settings: Response "Signed" and Assertion Signature "Signed".',
  google: 'Google Admin console → your app → Service provider details: tick "Signed response" when the SP requires a signed Response (Google then signs the Response instead of the Assertion).',
  auth0: 'Auth0 Dashboard → your app → Addons → SAML2 Web App → Settings: set "signResponse" to match the SP (true signs the Response).',
} as const;

/** The vendor fix of a refusal reason, when there is one (SAML reasons; the others have one fix for every vendor). */
export const REASON_VENDOR_FIXES: Readonly<Record<string, VendorFix>> = {
  'saml-destination-mismatch': ACS_FIX,
  'saml-recipient-mismatch': ACS_FIX,
  'saml-audience-mismatch': AUDIENCE_FIX,
  'saml-issuer-mismatch': ISSUER_FIX,
  'saml-cert-untrusted': CERT_FIX,
  'saml-signature-missing': SIGNING_SCOPE_FIX,
};

/** The fix for `reason` in the console of `vendor`, or undefined (then the reason's generic fix applies). */
export function vendorFixFor(reason: string, vendor: string | undefined): string | undefined {
  const fixes = REASON_VENDOR_FIXES[reason];
  return fixes && vendor !== undefined && (FIX_VENDORS as readonly string[]).includes(vendor) ? fixes[vendor as FixVendor] : undefined;
}
