// What the SP side needs to know about each vendor preset: its display name and where the email
// usually is. One table; the IdP personas in mock-idps/ are the other side and are not imported.
import type { VendorPreset } from './contract.ts';

export const VENDOR_NAMES: Readonly<Record<VendorPreset, string>> = {
  entra: 'Microsoft Entra ID',
  okta: 'Okta',
  google: 'Google Workspace',
  auth0: 'Auth0',
  other: 'the IdP',
};

export function isVendorPreset(value: unknown): value is VendorPreset {
  return typeof value === 'string' && Object.hasOwn(VENDOR_NAMES, value);
}

const CLAIMS_EMAILADDRESS = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress';
const OID_MAIL = 'urn:oid:0.9.2342.19200300.100.1.3';

/**
 * SAML attributes that usually carry the email, tried in order when no attribute is configured
 * and the NameID is not an email. Entra: the emailaddress claim URI (its `name` claim is the UPN,
 * which is not guaranteed to be an email, so it is deliberately absent). Okta and Google: whatever
 * the admin mapped, most often `email`. Auth0: the emailaddress claim URI.
 */
export const SAML_EMAIL_ATTRIBUTES: Readonly<Record<VendorPreset, readonly string[]>> = {
  entra: [CLAIMS_EMAILADDRESS],
  okta: ['email', 'Email', 'mail'],
  google: ['email', 'Email', 'mail'],
  auth0: [CLAIMS_EMAILADDRESS, 'email'],
  other: ['email', 'mail', CLAIMS_EMAILADDRESS, OID_MAIL],
};

/** The OIDC claim that carries the email when the admin leaves "email claim" empty. */
export const DEFAULT_OIDC_EMAIL_CLAIM = 'email';
