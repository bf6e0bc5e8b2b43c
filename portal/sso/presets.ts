// The vendor presets the portal offers, one row each: everything the SP side knows about a vendor
// (its name, where its email usually is, whether it can sign both SAML parts, the console field
// names for the IdP-side values, the console steps of the commonest SAML fixes). Everything else
// in portal/ reads these rows. The mock IdPs (mock-idps/personas) are the other side of the wire
// and are not imported; scripts/vendorPresets.crosscheck.test.ts proves the two agree.
import type { SpEndpoints, SsoProtocol } from './contract.ts';

/** One IdP-side field of a vendor console: its name there, which SP value goes in it, and where to find it. */
export interface ConsoleLink {
  readonly label: string;
  readonly endpoint: keyof SpEndpoints;
  readonly help: string;
}

/** The SAML refusals whose fix the Test SSO result gives in the vendor console's words. */
export type SamlFixKey = 'acsUrl' | 'spEntityId' | 'issuer' | 'certificate' | 'signingScope';

export interface PresetRow {
  /** How messages name the vendor ("Okta signs either …"). */
  readonly name: string;
  /** The vendor select's option label, when not `name`. */
  readonly label?: string;
  /** The option label in the foreign skin (portal/skin/foreign), a product with its own words. */
  readonly foreignLabel: string;
  readonly protocols: readonly SsoProtocol[];
  /**
   * SAML attributes that usually carry the email, tried in order when no attribute is configured
   * and the NameID is not an email.
   */
  readonly samlEmailAttributes: readonly string[];
  /** false: the IdP signs the assertion or the response, never both (vendors.md), so requiring both refuses every login. */
  readonly signsBothParts: boolean;
  /** The values to configure on the IdP side, in the order the vendor console shows them. */
  readonly links: Readonly<Record<SsoProtocol, readonly ConsoleLink[]>>;
  readonly oidc: OidcQuirks;
}

/** What the OIDC side of the portal does differently for a vendor. */
export interface OidcQuirks {
  /** Google Workspace `hd`: the hosted domain field applies (sent as `hd`, checked in the ID token; warned about when empty). */
  readonly hostedDomain: boolean;
  /** The issuer is also accepted without its scheme (Google's legacy `accounts.google.com`). */
  readonly issuerWithoutScheme: boolean;
  /** The vendor sends `email` only as an optional claim the admin adds (Entra): what the portal tells them. */
  readonly optionalEmailClaim?: {
    /** Saving with the email claim `email`. */
    readonly emailWarning: string;
    /** Saving with the email claim `preferred_username`. */
    readonly preferredUsernameWarning: string;
    /** Appended to the refusal when the ID token has no `email`. */
    readonly missingEmailHint: string;
  };
}

/** A named vendor: its console steps for the commonest SAML fixes are required. */
export interface VendorPresetRow extends PresetRow {
  readonly samlFixes: Readonly<Record<SamlFixKey, string>>;
}

const CLAIMS_EMAILADDRESS = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress';
const OID_MAIL = 'urn:oid:0.9.2342.19200300.100.1.3';

// One table: each vendor console's own field names, in the order the console shows them.
// Sources: Entra "Set up single sign-on with SAML" (Basic SAML Configuration) and app registration
// "Authentication"; Okta "Create SAML integration" and OIDC app "General Settings"; Google Admin
// "Service provider details" and Google Cloud "OAuth client ID"; Auth0 "SAML2 Web App" addon
// (settings JSON keys audience/recipient/destination) and application "Settings".
// Email: Entra sends the emailaddress claim URI (its `name` claim is the UPN, which is not
// guaranteed to be an email, so it is deliberately absent); Okta and Google whatever the admin
// mapped, most often `email`; Auth0 the emailaddress claim URI.
export const VENDOR_PRESETS = {
  entra: {
    name: 'Microsoft Entra ID',
    foreignLabel: 'Azure AD / Entra',
    protocols: ['saml', 'oidc'],
    samlEmailAttributes: [CLAIMS_EMAILADDRESS],
    signsBothParts: true,
    links: {
      saml: [
        {
          label: 'Identifier (Entity ID)',
          endpoint: 'entityId',
          help: 'Enterprise application → Single sign-on → Basic SAML Configuration → Identifier (Entity ID). Paste exactly; mark it Default.',
        },
        {
          label: 'Reply URL (Assertion Consumer Service URL)',
          endpoint: 'acsUrl',
          help: 'Basic SAML Configuration → Reply URL. A mismatch shows AADSTS50011 at Microsoft.',
        },
        {
          label: 'Sign on URL',
          endpoint: 'signOnUrl',
          help: 'Basic SAML Configuration → Sign on URL (optional): makes the My Apps tile start an SP-initiated login.',
        },
        {
          label: 'Metadata file (Upload metadata file)',
          endpoint: 'metadataUrl',
          help: 'Optional: download this SP metadata and use "Upload metadata file" to fill the fields above at once.',
        },
      ],
      oidc: [
        {
          label: 'Redirect URI (Web)',
          endpoint: 'oidcRedirectUri',
          help: 'App registration → Authentication → Add a platform → Web → Redirect URIs. A mismatch shows AADSTS50011 at Microsoft.',
        },
        {
          label: 'Home page URL',
          endpoint: 'signOnUrl',
          help: 'App registration → Branding & properties → Home page URL (optional): where the My Apps tile sends users.',
        },
      ],
    },
    oidc: {
      hostedDomain: false,
      issuerWithoutScheme: false,
      optionalEmailClaim: {
        emailWarning:
          'Microsoft Entra ID does not send the "email" claim by default. Add it as an optional claim (App registration → Token configuration → Add optional claim → ID → email), or set the email claim to preferred_username (the UPN, which is not always the user\'s email).',
        preferredUsernameWarning:
          'preferred_username is the user principal name: it matches a seat only where the UPN equals the email, and never for guests (#EXT#).',
        missingEmailHint:
          ' Entra ID sends email only as an optional claim: add it (App registration → Token configuration → Add optional claim → ID → email), or set the email claim to preferred_username.',
      },
    },
    samlFixes: {
      acsUrl:
        'Entra admin center → Enterprise applications → your app → Single sign-on → Basic SAML Configuration → Reply URL (Assertion Consumer Service URL): paste the ACS URL shown in the IdP and SSO section.',
      spEntityId:
        'Entra admin center → Enterprise applications → your app → Single sign-on → Basic SAML Configuration → Identifier (Entity ID): paste the SP entity ID shown in the IdP and SSO section.',
      issuer:
        'Entra admin center → your app → Single sign-on → "Set up" section: copy "Microsoft Entra Identifier" (https://sts.windows.net/{tenant id}/ — with the trailing slash).',
      certificate:
        'Entra admin center → your app → Single sign-on → SAML Certificates: download "Certificate (Base64)" of the *Active* certificate and upload it in the IdP and SSO section.',
      signingScope:
        'Entra admin center → your app → Single sign-on → SAML Certificates → Edit → Signing Option: "Sign SAML response and assertion" (or match the SP\'s "Signed parts").',
    },
  },
  okta: {
    name: 'Okta',
    foreignLabel: 'Okta Workforce',
    protocols: ['saml', 'oidc'],
    samlEmailAttributes: ['email', 'Email', 'mail'],
    signsBothParts: true,
    links: {
      saml: [
        {
          label: 'Single sign-on URL',
          endpoint: 'acsUrl',
          help: 'SAML Settings → Single sign-on URL. Keep "Use this for Recipient URL and Destination URL" checked.',
        },
        {
          label: 'Audience URI (SP Entity ID)',
          endpoint: 'entityId',
          help: 'SAML Settings → Audience URI (SP Entity ID). Paste exactly (case and trailing slash matter).',
        },
        { label: 'SP metadata URL', endpoint: 'metadataUrl', help: 'For reference: the SP metadata carries the same values.' },
      ],
      oidc: [
        {
          label: 'Sign-in redirect URIs',
          endpoint: 'oidcRedirectUri',
          help: 'Application → General → Login → Sign-in redirect URIs. Otherwise Okta shows a 400 error and never returns to the portal.',
        },
        {
          label: 'Initiate login URI',
          endpoint: 'signOnUrl',
          help: 'Application → General → Login → Initiate login URI (optional): lets the Okta dashboard tile start a login at the portal.',
        },
      ],
    },
    oidc: { hostedDomain: false, issuerWithoutScheme: false },
    samlFixes: {
      acsUrl:
        'Okta Admin Console → Applications → your app → General → SAML Settings → Edit → Single sign-on URL: paste the ACS URL shown in the IdP and SSO section.',
      spEntityId:
        'Okta Admin Console → Applications → your app → General → SAML Settings → Edit → Audience URI (SP Entity ID): paste the SP entity ID shown in the IdP and SSO section.',
      issuer:
        'Okta Admin Console → your app → Sign On → View SAML setup instructions: copy "Identity Provider Issuer" (http://www.okta.com/exk… — http, not https).',
      certificate:
        'Okta Admin Console → your app → Sign On → SAML Signing Certificates: Actions → Download certificate of the *Active* one, and upload it in the IdP and SSO section.',
      signingScope:
        'Okta Admin Console → your app → General → SAML Settings → Show Advanced Settings: Response "Signed" and Assertion Signature "Signed".',
    },
  },
  google: {
    name: 'Google Workspace',
    foreignLabel: 'Google',
    protocols: ['saml', 'oidc'],
    samlEmailAttributes: ['email', 'Email', 'mail'],
    signsBothParts: false,
    links: {
      saml: [
        {
          label: 'ACS URL',
          endpoint: 'acsUrl',
          help: 'Admin console → Apps → Web and mobile apps → your SAML app → Service provider details → ACS URL.',
        },
        {
          label: 'Entity ID',
          endpoint: 'entityId',
          help: 'Service provider details → Entity ID. Google compares it case-sensitively (403 app_not_configured_for_user otherwise).',
        },
        { label: 'Start URL (optional)', endpoint: 'signOnUrl', help: 'Service provider details → Start URL (optional).' },
        { label: 'SP metadata URL', endpoint: 'metadataUrl', help: 'For reference: the SP metadata carries the same values.' },
      ],
      oidc: [
        {
          label: 'Authorized redirect URIs',
          endpoint: 'oidcRedirectUri',
          help: 'Google Cloud console → APIs & Services → Credentials → OAuth client ID (Web application) → Authorized redirect URIs. Otherwise Google shows "Error 400: redirect_uri_mismatch".',
        },
      ],
    },
    oidc: { hostedDomain: true, issuerWithoutScheme: true },
    samlFixes: {
      acsUrl:
        'Google Admin console → Apps → Web and mobile apps → your app → Service provider details → ACS URL: paste the ACS URL shown in the IdP and SSO section.',
      spEntityId:
        'Google Admin console → Apps → Web and mobile apps → your app → Service provider details → Entity ID: paste the SP entity ID exactly (Google compares it case-sensitively).',
      issuer:
        'Google Admin console → your app → Google Identity Provider details: copy "Entity ID" (https://accounts.google.com/o/saml2?idpid=…), not the SSO URL.',
      certificate:
        'Google Admin console → your app → Google Identity Provider details: download the certificate and upload it in the IdP and SSO section.',
      signingScope:
        'Google Admin console → your app → Service provider details: tick "Signed response" when the SP requires a signed Response (Google then signs the Response instead of the Assertion).',
    },
  },
  auth0: {
    name: 'Auth0',
    foreignLabel: 'Auth0 by Okta',
    protocols: ['saml', 'oidc'],
    samlEmailAttributes: [CLAIMS_EMAILADDRESS, 'email'],
    signsBothParts: false,
    links: {
      saml: [
        {
          label: 'Application Callback URL',
          endpoint: 'acsUrl',
          help: 'Application → Addons → SAML2 Web App → Settings → Application Callback URL.',
        },
        { label: 'Settings: "audience"', endpoint: 'entityId', help: 'SAML2 Web App → Settings JSON: set "audience" to this value.' },
        {
          label: 'Settings: "recipient" and "destination"',
          endpoint: 'acsUrl',
          help: 'SAML2 Web App → Settings JSON: "recipient" and "destination" default to the callback URL; if set, use this value.',
        },
        { label: 'SP metadata URL', endpoint: 'metadataUrl', help: 'For reference: the SP metadata carries the same values.' },
      ],
      oidc: [
        {
          label: 'Allowed Callback URLs',
          endpoint: 'oidcRedirectUri',
          help: 'Application → Settings → Application URIs → Allowed Callback URLs. Otherwise Auth0 shows "Callback URL mismatch".',
        },
        {
          label: 'Application Login URI',
          endpoint: 'signOnUrl',
          help: 'Application → Settings → Application URIs → Application Login URI (optional; Auth0 accepts only https here).',
        },
      ],
    },
    oidc: { hostedDomain: false, issuerWithoutScheme: false },
    samlFixes: {
      acsUrl:
        'Auth0 Dashboard → Applications → your app → Addons → SAML2 Web App → Settings → Application Callback URL: paste the ACS URL shown in the IdP and SSO section.',
      spEntityId:
        'Auth0 Dashboard → Applications → your app → Addons → SAML2 Web App → Settings: set "audience" to the SP entity ID shown in the IdP and SSO section.',
      issuer: 'Auth0 Dashboard → your app → Addons → SAML2 Web App → Usage: copy "Issuer" (urn:{tenant}.auth0.com).',
      certificate:
        'Auth0 Dashboard → your app → Addons → SAML2 Web App → Usage: download the Identity Provider Certificate and upload it in the IdP and SSO section.',
      signingScope:
        'Auth0 Dashboard → your app → Addons → SAML2 Web App → Settings: set "signResponse" to match the SP (true signs the Response).',
    },
  },
} as const satisfies Readonly<Record<string, VendorPresetRow>>;

/** "Other": any standards-conforming IdP, with generic field names and no console steps. */
const OTHER: PresetRow = {
  name: 'the IdP',
  label: 'Other',
  foreignLabel: 'Generic SAML / OIDC provider',
  protocols: ['saml', 'oidc'],
  samlEmailAttributes: ['email', 'mail', CLAIMS_EMAILADDRESS, OID_MAIL],
  signsBothParts: true,
  links: {
    saml: [
      { label: 'SP Entity ID (Audience)', endpoint: 'entityId', help: 'The IdP must put this value in the assertion Audience, exactly.' },
      {
        label: 'Assertion Consumer Service (ACS) URL',
        endpoint: 'acsUrl',
        help: 'The IdP posts the SAML response here (HTTP-POST binding); also the Destination and Recipient.',
      },
      { label: 'SP metadata URL', endpoint: 'metadataUrl', help: 'Most IdPs can import the SP configuration from this metadata.' },
      { label: 'Sign-on URL', endpoint: 'signOnUrl', help: 'Starts an SP-initiated login for this account.' },
    ],
    oidc: [
      {
        label: 'Redirect URI',
        endpoint: 'oidcRedirectUri',
        help: 'Register this exact redirect URI (authorization code flow) at the IdP.',
      },
      { label: 'Sign-on URL', endpoint: 'signOnUrl', help: 'Starts a login for this account (optional "initiate login URI" at the IdP).' },
    ],
  },
  oidc: { hostedDomain: false, issuerWithoutScheme: false },
};

/** Every preset, in the order the vendor select lists them. */
export const PRESETS = { ...VENDOR_PRESETS, other: OTHER } as const satisfies Readonly<Record<string, PresetRow>>;

export type VendorPreset = keyof typeof PRESETS;
export type NamedVendorPreset = keyof typeof VENDOR_PRESETS;

export const PRESET_IDS = Object.keys(PRESETS) as readonly VendorPreset[];
export const NAMED_PRESET_IDS = Object.keys(VENDOR_PRESETS) as readonly NamedVendorPreset[];

export function isVendorPreset(value: unknown): value is VendorPreset {
  return typeof value === 'string' && Object.hasOwn(PRESETS, value);
}

export function isNamedVendorPreset(value: unknown): value is NamedVendorPreset {
  return typeof value === 'string' && Object.hasOwn(VENDOR_PRESETS, value);
}

/** "Microsoft Entra ID, Okta, … or Other": the vendor select's options, for "choose …" messages. */
export function presetChoices(): string {
  const labels = PRESET_IDS.map(presetLabel);
  return `${labels.slice(0, -1).join(', ')} or ${labels.at(-1) ?? ''}`;
}

/** A preset's row, as the PresetRow type (optional fields readable whatever the preset). */
export function presetOf(preset: VendorPreset): PresetRow {
  return PRESETS[preset];
}

/** The vendor select's option label of a preset. */
export function presetLabel(preset: VendorPreset): string {
  const row = presetOf(preset);
  return row.label ?? row.name;
}
