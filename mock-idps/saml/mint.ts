// `mint saml`: exactly the SAMLResponse the running persona would post, produced offline by the
// same pipeline (saml/issue.ts), for support and for other test suites.
import { getSamlFault, isFaultId } from '../faults/catalog.ts';
import { MintError } from '../mintError.ts';
import { getSamlPersona, isPersonaId } from '../personas/index.ts';
import { TenantState } from '../tenants.ts';
import type { SamlPersona } from '../types.ts';
import type { SamlEffect } from './effects.ts';
import { issueSamlResponse, type IssuedResponse } from './issue.ts';
import { keyChooserFor } from './keyChooser.ts';

export interface MintSamlOptions {
  /** A SAML persona id, e.g. `entra-saml`. */
  readonly persona: string;
  /** ACS URL (Destination, Recipient). */
  readonly acs: string;
  /** SP entity ID (Audience). */
  readonly audience: string;
  readonly email: string;
  /** Catalog fault id, e.g. `saml.audience-mismatch`. */
  readonly fault?: string;
  readonly inResponseTo?: string;
  /** Reuse a tenant's keys and directory (tests); default: a fresh throwaway tenant. */
  readonly tenant?: TenantState;
  /** SP encryption certificate, for encryption faults. */
  readonly spEncryptionCertificate?: string;
}

export interface MintedSamlResponse {
  readonly samlResponse: string;
  readonly xml: string;
  /** Certificate of the key that signed: what the SP must trust for this response. */
  readonly certificatePem: string;
  /** RelayState the IdP would post with it (changed by RelayState faults). */
  readonly relayState?: string;
  readonly issued: IssuedResponse;
}

export function resolveSamlPersona(id: string): SamlPersona {
  const persona = isPersonaId(id) ? getSamlPersona(id) : undefined;
  if (!persona) {
    throw new MintError('unknown-persona', `"${id}" is not a SAML persona. Use one of: entra-saml, okta-saml, google-saml, auth0-saml.`);
  }
  return persona;
}

export function resolveSamlEffect(faultId: string | undefined, persona: SamlPersona): SamlEffect[] {
  if (!faultId) return [];
  // The fault comes from outside (`mint --fault`): it is a catalog id only if isFaultId says so.
  const fault = isFaultId(faultId) ? getSamlFault(faultId) : undefined;
  if (!fault) {
    throw new MintError(
      'unknown-fault',
      `"${faultId}" is not a SAML fault of the catalog. List them with \`sso-harness faults --protocol saml\`.`,
    );
  }
  if (!fault.personas.includes(persona.id)) {
    throw new MintError(
      'fault-not-for-persona',
      `Fault ${faultId} does not apply to ${persona.id}; it applies to: ${fault.personas.join(', ')}.`,
    );
  }
  if (fault.effect.refuse) {
    throw new MintError(
      'fault-not-mintable',
      `Fault ${faultId} makes the IdP show its error page instead of sending a response: there is nothing to mint. Use \`sso-harness idp serve\` to see the page.`,
    );
  }
  return [fault.effect];
}

function requireUrlish(name: string, value: string): void {
  if (!value.trim()) throw new MintError('bad-option', `--${name} must not be empty.`);
}

export async function mintSamlResponse(options: MintSamlOptions): Promise<MintedSamlResponse> {
  const persona = resolveSamlPersona(options.persona);
  const effects = resolveSamlEffect(options.fault, persona);
  requireUrlish('acs', options.acs);
  requireUrlish('audience', options.audience);
  if (!/^[^@\s]+@[^@\s]+$/.test(options.email)) {
    throw new MintError('bad-option', `--email must be an email address like alice@example.com, not "${options.email}".`);
  }
  const domain = options.email.split('@')[1]!.toLowerCase();
  const tenant = options.tenant ?? new TenantState('demo', domain);
  if (options.spEncryptionCertificate) {
    tenant.registerApp(persona.id, {
      saml: { entityId: options.audience, acsUrls: [options.acs], encryptionCertificate: options.spEncryptionCertificate },
    });
  }
  const user = tenant.directory.findByLogin(options.email) ?? tenant.directory.add({ email: options.email });
  const victim = tenant.directory.byRole('admin')?.email ?? `admin@${domain}`;
  const issued = await issueSamlResponse({
    persona,
    ids: tenant.ids,
    user,
    sp: { entityId: options.audience, acs: options.acs },
    ...(options.inResponseTo ? { inResponseTo: options.inResponseTo } : {}),
    now: tenant.now(),
    keys: keyChooserFor(tenant, persona.id),
    effects,
    victimEmail: victim,
  });
  const relayEffect = effects.find((e) => e.relayState);
  const relayState = relayEffect?.relayState?.(undefined, {
    persona,
    ids: tenant.ids,
    user,
    sp: { entityId: options.audience, acs: options.acs },
    now: tenant.now(),
    victimEmail: victim,
  });
  return {
    samlResponse: issued.samlResponse,
    xml: issued.xml,
    certificatePem: issued.certificatePem,
    ...(relayState ? { relayState } : {}),
    issued,
  };
}
