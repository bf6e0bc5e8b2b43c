// What the SP (the portal) says about itself for one account, and how each vendor console names
// those values, so the admin can copy them into the right field on the IdP side.
import type { SpEndpoints, SsoProtocol, VendorPreset } from './contract.ts';

/**
 * Where a portal serves the SP endpoints of an account: Express-style paths with `:accountId`.
 * The entity ID is the metadata URL (see spEndpointsFor).
 */
export interface SpPathLayout {
  readonly signOn: string;
  readonly acs: string;
  readonly metadata: string;
  readonly oidcCallback: string;
}

/** The reference portal's SP paths. */
export const REFERENCE_SP_LAYOUT: SpPathLayout = {
  signOn: '/sso/:accountId/start',
  acs: '/sso/:accountId/saml/acs',
  metadata: '/sso/:accountId/saml/metadata',
  oidcCallback: '/sso/:accountId/oidc/callback',
};

/**
 * SP endpoints of one account.
 *
 * Decision: the SP entity ID *is* the SP metadata URL (`{base}/sso/{id}/saml/metadata`).
 * SAML metadata §4.1 ("well-known location") lets an entity ID that is a URL resolve to the
 * entity's metadata, which is what Entra, Okta and Google admins expect when they paste it; it is
 * unique per account (each account is its own SP), and stable as long as the portal base URL is.
 */
export function spEndpointsFor(baseUrl: string, accountId: number, layout: SpPathLayout = REFERENCE_SP_LAYOUT): SpEndpoints {
  if (!Number.isSafeInteger(accountId) || accountId <= 0) {
    throw new Error(`Cannot build SP endpoints: account id ${String(accountId)} is not a positive integer.`);
  }
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    throw new Error(`Cannot build SP endpoints: the portal base URL "${baseUrl}" is not an absolute URL (expected e.g. http://127.0.0.1:8080).`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new Error(`Cannot build SP endpoints: the portal base URL "${baseUrl}" must use http or https.`);
  }
  if (base.search || base.hash) {
    throw new Error(`Cannot build SP endpoints: the portal base URL "${baseUrl}" must not carry a query or fragment.`);
  }
  const root = `${base.origin}${base.pathname.replace(/\/+$/, '')}`;
  const url = (path: string): string => `${root}${path.replace(/:accountId\b/g, String(accountId))}`;
  const metadataUrl = url(layout.metadata);
  return {
    entityId: metadataUrl,
    acsUrl: url(layout.acs),
    metadataUrl,
    signOnUrl: url(layout.signOn),
    oidcRedirectUri: url(layout.oidcCallback),
  };
}

export interface IdpSideLink {
  readonly label: string;
  readonly value: string;
  readonly help: string;
}

interface LinkRow {
  readonly label: string;
  readonly endpoint: keyof SpEndpoints;
  readonly help: string;
}

// One table: each vendor console's own field names, in the order the console shows them.
// Sources: Entra "Set up single sign-on with SAML" (Basic SAML Configuration) and app registration
// "Authentication"; Okta "Create SAML integration" and OIDC app "General Settings"; Google Admin
// "Service provider details" and Google Cloud "OAuth client ID"; Auth0 "SAML2 Web App" addon
// (settings JSON keys audience/recipient/destination) and application "Settings".
const LINKS: Readonly<Record<VendorPreset, Readonly<Record<SsoProtocol, readonly LinkRow[]>>>> = {
  entra: {
    saml: [
      { label: 'Identifier (Entity ID)', endpoint: 'entityId', help: 'Enterprise application → Single sign-on → Basic SAML Configuration → Identifier (Entity ID). Paste exactly; mark it Default.' },
      { label: 'Reply URL (Assertion Consumer Service URL)', endpoint: 'acsUrl', help: 'Basic SAML Configuration → Reply URL. A mismatch shows AADSTS50011 at Microsoft.' },
      { label: 'Sign on URL', endpoint: 'signOnUrl', help: 'Basic SAML Configuration → Sign on URL (optional): makes the My Apps tile start an SP-initiated login.' },
      { label: 'Metadata file (Upload metadata file)', endpoint: 'metadataUrl', help: 'Optional: download this SP metadata and use "Upload metadata file" to fill the fields above at once.' },
    ],
    oidc: [
      { label: 'Redirect URI (Web)', endpoint: 'oidcRedirectUri', help: 'App registration → Authentication → Add a platform → Web → Redirect URIs. A mismatch shows AADSTS50011 at Microsoft.' },
      { label: 'Home page URL', endpoint: 'signOnUrl', help: 'App registration → Branding & properties → Home page URL (optional): where the My Apps tile sends users.' },
    ],
  },
  okta: {
    saml: [
      { label: 'Single sign-on URL', endpoint: 'acsUrl', help: 'SAML Settings → Single sign-on URL. Keep "Use this for Recipient URL and Destination URL" checked.' },
      { label: 'Audience URI (SP Entity ID)', endpoint: 'entityId', help: 'SAML Settings → Audience URI (SP Entity ID). Paste exactly (case and trailing slash matter).' },
      { label: 'SP metadata URL', endpoint: 'metadataUrl', help: 'For reference: the SP metadata carries the same values.' },
    ],
    oidc: [
      { label: 'Sign-in redirect URIs', endpoint: 'oidcRedirectUri', help: 'Application → General → Login → Sign-in redirect URIs. Otherwise Okta shows a 400 error and never returns to the portal.' },
      { label: 'Initiate login URI', endpoint: 'signOnUrl', help: 'Application → General → Login → Initiate login URI (optional): lets the Okta dashboard tile start a login at the portal.' },
    ],
  },
  google: {
    saml: [
      { label: 'ACS URL', endpoint: 'acsUrl', help: 'Admin console → Apps → Web and mobile apps → your SAML app → Service provider details → ACS URL.' },
      { label: 'Entity ID', endpoint: 'entityId', help: 'Service provider details → Entity ID. Google compares it case-sensitively (403 app_not_configured_for_user otherwise).' },
      { label: 'Start URL (optional)', endpoint: 'signOnUrl', help: 'Service provider details → Start URL (optional).' },
      { label: 'SP metadata URL', endpoint: 'metadataUrl', help: 'For reference: the SP metadata carries the same values.' },
    ],
    oidc: [
      { label: 'Authorized redirect URIs', endpoint: 'oidcRedirectUri', help: 'Google Cloud console → APIs & Services → Credentials → OAuth client ID (Web application) → Authorized redirect URIs. Otherwise Google shows "Error 400: redirect_uri_mismatch".' },
    ],
  },
  auth0: {
    saml: [
      { label: 'Application Callback URL', endpoint: 'acsUrl', help: 'Application → Addons → SAML2 Web App → Settings → Application Callback URL.' },
      { label: 'Settings: "audience"', endpoint: 'entityId', help: 'SAML2 Web App → Settings JSON: set "audience" to this value.' },
      { label: 'Settings: "recipient" and "destination"', endpoint: 'acsUrl', help: 'SAML2 Web App → Settings JSON: "recipient" and "destination" default to the callback URL; if set, use this value.' },
      { label: 'SP metadata URL', endpoint: 'metadataUrl', help: 'For reference: the SP metadata carries the same values.' },
    ],
    oidc: [
      { label: 'Allowed Callback URLs', endpoint: 'oidcRedirectUri', help: 'Application → Settings → Application URIs → Allowed Callback URLs. Otherwise Auth0 shows "Callback URL mismatch".' },
      { label: 'Application Login URI', endpoint: 'signOnUrl', help: 'Application → Settings → Application URIs → Application Login URI (optional; Auth0 accepts only https here).' },
    ],
  },
  other: {
    saml: [
      { label: 'SP Entity ID (Audience)', endpoint: 'entityId', help: 'The IdP must put this value in the assertion Audience, exactly.' },
      { label: 'Assertion Consumer Service (ACS) URL', endpoint: 'acsUrl', help: 'The IdP posts the SAML response here (HTTP-POST binding); also the Destination and Recipient.' },
      { label: 'SP metadata URL', endpoint: 'metadataUrl', help: 'Most IdPs can import the SP configuration from this metadata.' },
      { label: 'Sign-on URL', endpoint: 'signOnUrl', help: 'Starts an SP-initiated login for this account.' },
    ],
    oidc: [
      { label: 'Redirect URI', endpoint: 'oidcRedirectUri', help: 'Register this exact redirect URI (authorization code flow) at the IdP.' },
      { label: 'Sign-on URL', endpoint: 'signOnUrl', help: 'Starts a login for this account (optional "initiate login URI" at the IdP).' },
    ],
  },
};

/** The values to configure on the IdP side, labelled with the vendor console's own field names. */
export function idpSideLinks(vendor: VendorPreset, protocol: SsoProtocol, sp: SpEndpoints): IdpSideLink[] {
  return LINKS[vendor][protocol].map((row) => ({ label: row.label, value: sp[row.endpoint], help: row.help }));
}
