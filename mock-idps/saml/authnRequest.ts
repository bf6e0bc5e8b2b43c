// Decoding an incoming SAML request (HTTP-Redirect: base64 + DEFLATE in the query; HTTP-POST:
// base64 in a form field) and reading its fields with samlify's extractor. Hostile input
// (garbage base64, DOCTYPE, inflation bombs, another message type) becomes a typed error.
import { inflateRawSync } from 'node:zlib';
import * as samlify from 'samlify';
import { parseXml } from './sign.ts';

export const MAX_REQUEST_BYTES = 64 * 1024;

export interface AuthnRequestInfo {
  readonly kind: 'authn';
  readonly id: string;
  readonly issuer: string | undefined;
  readonly acsUrl: string | undefined;
  readonly destination: string | undefined;
  readonly forceAuthn: boolean;
  readonly isPassive: boolean;
}

export interface LogoutRequestInfo {
  readonly kind: 'logout';
  readonly id: string;
}

export class SamlRequestError extends Error {}

function decodeBase64(value: string): Buffer {
  const compact = value.replace(/\s+/g, '');
  if (!compact || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) throw new SamlRequestError('SAMLRequest is not base64.');
  return Buffer.from(compact, 'base64');
}

/** The XML of a SAMLRequest as sent with the given binding. */
export function decodeSamlRequest(value: string, binding: 'redirect' | 'post'): string {
  const bytes = decodeBase64(value);
  // HTTP-POST carries plain base64 (Bindings §3.5.4); tolerate a DEFLATEd one as the vendors do
  // (some SP libraries, node-saml included, compress by default).
  if (binding === 'post' && bytes.toString('utf8').trimStart().startsWith('<')) return bytes.toString('utf8');
  try {
    return inflateRawSync(bytes, { maxOutputLength: MAX_REQUEST_BYTES }).toString('utf8');
  } catch {
    throw new SamlRequestError(
      'SAMLRequest is not DEFLATE-compressed as the HTTP-Redirect binding requires (SAML Bindings §3.4.4.1), or it is too large.',
    );
  }
}

export function parseSamlRequest(xml: string): AuthnRequestInfo | LogoutRequestInfo {
  if (xml.length > MAX_REQUEST_BYTES) throw new SamlRequestError('SAMLRequest is too large.');
  if (/<!DOCTYPE/i.test(xml)) throw new SamlRequestError('SAMLRequest contains a DOCTYPE, which is not allowed.');
  let root;
  try {
    root = parseXml(xml).documentElement;
  } catch {
    root = null;
  }
  if (!root || root.namespaceURI !== 'urn:oasis:names:tc:SAML:2.0:protocol')
    throw new SamlRequestError('SAMLRequest is not a SAML 2.0 protocol message.');
  const id = root.getAttribute('ID') ?? '';
  if (!id) throw new SamlRequestError(`The ${root.localName} has no ID attribute.`);
  if (root.localName === 'LogoutRequest') return { kind: 'logout', id };
  if (root.localName !== 'AuthnRequest') throw new SamlRequestError(`Expected an AuthnRequest, got ${root.localName}.`);
  const fields = samlify.Extractor.extract(xml, samlify.Extractor.loginRequestFields) as {
    request?: { assertionConsumerServiceUrl?: string; destination?: string };
    issuer?: string | null;
  };
  return {
    kind: 'authn',
    id,
    issuer: fields.issuer ?? undefined,
    acsUrl: fields.request?.assertionConsumerServiceUrl,
    destination: fields.request?.destination,
    forceAuthn: root.getAttribute('ForceAuthn') === 'true',
    isPassive: root.getAttribute('IsPassive') === 'true',
  };
}
