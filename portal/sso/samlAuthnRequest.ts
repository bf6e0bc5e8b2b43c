// SP-initiated SAML login: an AuthnRequest sent with the HTTP-Redirect binding (SAML bindings
// §3.4: DEFLATE, base64, URL-encoded as SAMLRequest; RelayState alongside).
//
// Built here rather than with node-saml's getAuthorizeUrlAsync, on purpose: node-saml's builders
// are async and stamp IssueInstant from the wall clock, while the portal contract is synchronous
// with an injected `now` (tests and clock-offset suites depend on it); node-saml also asks for
// RequestedAuthnContext=PasswordProtectedTransport by default, which Entra refuses (AADSTS75011)
// for users who signed in another way. The request carries nothing secret and is not signed
// (the SP metadata says AuthnRequestsSigned="false").
import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import type { PendingSamlLogin, SamlSettings, SpEndpoints } from './contract.ts';

/** Bindings §3.4.3: RelayState MUST NOT exceed 80 bytes. */
export const MAX_RELAY_STATE_BYTES = 80;

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `_` + 40 hex digits: an xs:ID must be an NCName (no leading digit); 160 bits are unguessable. */
export function newRequestId(): string {
  return `_${randomBytes(20).toString('hex')}`;
}

export function authnRequestXml(settings: SamlSettings, sp: SpEndpoints, id: string, now: Date): string {
  return [
    '<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"',
    ` ID="${id}" Version="2.0" IssueInstant="${now.toISOString()}"`,
    ` Destination="${escapeXml(settings.idpSsoUrl)}" AssertionConsumerServiceURL="${escapeXml(sp.acsUrl)}"`,
    ' ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST">',
    `<saml:Issuer>${escapeXml(sp.entityId)}</saml:Issuer>`,
    '<samlp:NameIDPolicy Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified" AllowCreate="true"/>',
    '</samlp:AuthnRequest>',
  ].join('');
}

export function startSamlLogin(
  settings: SamlSettings,
  sp: SpEndpoints,
  opts: { now: Date; relayState?: string },
): { redirectUrl: string; pending: PendingSamlLogin } {
  if (opts.relayState !== undefined && Buffer.byteLength(opts.relayState, 'utf8') > MAX_RELAY_STATE_BYTES) {
    throw new Error(
      `RelayState is ${Buffer.byteLength(opts.relayState, 'utf8')} bytes; SAML bindings §3.4.3 allows at most ${MAX_RELAY_STATE_BYTES}. Pass a short key (e.g. an id of the stored return path), not the URL itself.`,
    );
  }
  const id = newRequestId();
  const url = new URL(settings.idpSsoUrl);
  // Appended, not set: Google's SSO URL already carries ?idpid=… and must keep it.
  url.searchParams.append(
    'SAMLRequest',
    deflateRawSync(Buffer.from(authnRequestXml(settings, sp, id, opts.now), 'utf8')).toString('base64'),
  );
  if (opts.relayState) url.searchParams.append('RelayState', opts.relayState);
  return { redirectUrl: url.href, pending: { protocol: 'saml', requestId: id, createdAt: opts.now.getTime() } };
}
