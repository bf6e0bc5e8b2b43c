// The "IdP configuration" form of the IdP and SSO section: its values (from saved settings, from
// a submitted form, or defaults) and their translation into the SSO library's input types.
// Form field names are the library's input property names, so a FieldError's `field` names the
// input it belongs to.
import type { OidcSettingsInput, SamlSettingsInput, SsoProtocol, SsoSettings, VendorPreset } from '../sso/contract.ts';
import { PRESET_IDS, presetLabel } from '../sso/presets.ts';
import { checkbox, field, fileText } from './form.ts';

export const VENDOR_OPTIONS: readonly { readonly value: VendorPreset; readonly label: string }[] = PRESET_IDS.map((value) => ({
  value,
  label: presetLabel(value),
}));

export type MetadataSource = SamlSettingsInput['metadataSource'];

/** The IdP and SSO form's inputs, by the SSO library's input property (a FieldError's `field`). */
export const SSO_FIELD_KEYS = [
  'protocol',
  'vendor',
  'allowedClockSkewSeconds',
  'metadataSource',
  'metadataUrl',
  'metadataFile',
  'metadataXml',
  'idpEntityId',
  'idpSsoUrl',
  'idpCertificate',
  'requireSignedResponse',
  'requireSignedAssertion',
  'allowIdpInitiated',
  'emailAttribute',
  'issuer',
  'clientId',
  'clientSecret',
  'scopes',
  'emailClaim',
  'hostedDomain',
] as const;

export type SsoFieldKey = (typeof SSO_FIELD_KEYS)[number];

/** The reference form names its inputs after the library's properties. */
export const REFERENCE_SSO_FIELDS: Readonly<Record<SsoFieldKey, string>> = Object.fromEntries(
  SSO_FIELD_KEYS.map((key) => [key, key]),
) as Record<SsoFieldKey, string>;

export interface SsoFormValues {
  readonly protocol: SsoProtocol;
  readonly vendor: VendorPreset;
  readonly allowedClockSkewSeconds: string;
  readonly metadataSource: MetadataSource;
  readonly metadataUrl: string;
  readonly metadataXml: string;
  readonly idpEntityId: string;
  readonly idpSsoUrl: string;
  readonly idpCertificate: string;
  readonly requireSignedResponse: boolean;
  readonly requireSignedAssertion: boolean;
  readonly allowIdpInitiated: boolean;
  readonly emailAttribute: string;
  readonly issuer: string;
  readonly clientId: string;
  readonly scopes: string;
  readonly emailClaim: string;
  readonly hostedDomain: string;
}

export const DEFAULT_FORM_VALUES: SsoFormValues = {
  protocol: 'saml',
  vendor: 'entra',
  allowedClockSkewSeconds: '120',
  metadataSource: 'manual',
  metadataUrl: '',
  metadataXml: '',
  idpEntityId: '',
  idpSsoUrl: '',
  idpCertificate: '',
  requireSignedResponse: false,
  requireSignedAssertion: true,
  allowIdpInitiated: false,
  emailAttribute: '',
  issuer: '',
  clientId: '',
  scopes: 'openid email profile',
  emailClaim: '',
  hostedDomain: '',
};

/** The form as it shows saved settings (metadata uploads come back as the values they gave). */
export function valuesFromSettings(settings: SsoSettings | undefined): SsoFormValues {
  if (!settings) return DEFAULT_FORM_VALUES;
  const shared = { ...DEFAULT_FORM_VALUES, vendor: settings.vendor, allowedClockSkewSeconds: String(settings.allowedClockSkewSeconds) };
  if (settings.protocol === 'oidc') {
    return {
      ...shared,
      protocol: 'oidc',
      issuer: settings.issuer,
      clientId: settings.clientId,
      scopes: settings.scopes,
      emailClaim: settings.emailClaim,
      hostedDomain: settings.hostedDomain ?? '',
    };
  }
  return {
    ...shared,
    protocol: 'saml',
    metadataSource: settings.metadataUrl ? 'url' : 'manual',
    metadataUrl: settings.metadataUrl ?? '',
    idpEntityId: settings.idpEntityId,
    idpSsoUrl: settings.idpSsoUrl,
    idpCertificate: settings.idpCertificates[0] ?? '',
    requireSignedResponse: settings.requireSignedResponse,
    requireSignedAssertion: settings.requireSignedAssertion,
    allowIdpInitiated: settings.allowIdpInitiated,
    emailAttribute: settings.emailAttribute ?? '',
  };
}

function oneOf<T extends string>(value: string, allowed: readonly T[], fallback: T): T {
  return (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

export interface SubmittedSsoForm {
  readonly values: SsoFormValues;
  /** The newly typed client secret; '' = keep the saved one. Never echoed back into the page. */
  readonly clientSecret: string;
}

/** Read the posted form; `names` are the form's input names (the skin's). */
export async function valuesFromForm(
  form: FormData,
  names: Readonly<Record<SsoFieldKey, string>> = REFERENCE_SSO_FIELDS,
): Promise<SubmittedSsoForm> {
  const text = (key: SsoFieldKey): string => field(form, names[key]);
  const flag = (key: SsoFieldKey): boolean => checkbox(form, names[key]);
  const uploaded = await fileText(form, names.metadataFile);
  const values: SsoFormValues = {
    protocol: oneOf(text('protocol'), ['saml', 'oidc'], 'saml'),
    // An unknown vendor is passed through so the library's FieldError names it.
    vendor: text('vendor') as VendorPreset,
    allowedClockSkewSeconds: text('allowedClockSkewSeconds'),
    metadataSource: text('metadataSource') as MetadataSource,
    metadataUrl: text('metadataUrl'),
    metadataXml: uploaded.trim() !== '' ? uploaded : text('metadataXml'),
    idpEntityId: text('idpEntityId'),
    idpSsoUrl: text('idpSsoUrl'),
    idpCertificate: text('idpCertificate'),
    requireSignedResponse: flag('requireSignedResponse'),
    requireSignedAssertion: flag('requireSignedAssertion'),
    allowIdpInitiated: flag('allowIdpInitiated'),
    emailAttribute: text('emailAttribute'),
    issuer: text('issuer'),
    clientId: text('clientId'),
    scopes: text('scopes'),
    emailClaim: text('emailClaim'),
    hostedDomain: text('hostedDomain'),
  };
  return { values, clientSecret: text('clientSecret') };
}

export function samlInput(values: SsoFormValues): SamlSettingsInput {
  return {
    vendor: values.vendor,
    metadataSource: values.metadataSource,
    metadataUrl: values.metadataUrl,
    metadataXml: values.metadataXml,
    idpEntityId: values.idpEntityId,
    idpSsoUrl: values.idpSsoUrl,
    idpCertificate: values.idpCertificate,
    requireSignedResponse: values.requireSignedResponse,
    requireSignedAssertion: values.requireSignedAssertion,
    allowedClockSkewSeconds: values.allowedClockSkewSeconds,
    allowIdpInitiated: values.allowIdpInitiated,
    emailAttribute: values.emailAttribute,
  };
}

export function oidcInput(values: SsoFormValues, clientSecret: string): OidcSettingsInput {
  return {
    vendor: values.vendor,
    issuer: values.issuer,
    clientId: values.clientId,
    clientSecret,
    scopes: values.scopes,
    emailClaim: values.emailClaim,
    allowedClockSkewSeconds: values.allowedClockSkewSeconds,
    hostedDomain: values.hostedDomain,
  };
}
