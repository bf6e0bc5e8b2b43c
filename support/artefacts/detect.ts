// Recognise what support pasted: a SAMLResponse (raw XML, base64, deflated base64 from a
// Redirect-binding URL, or the URL-encoded ACS form body), an ID token (compact JWT, a token
// endpoint JSON response, a callback URL / form_post body) or a HAR file.
import { inflateRawSync } from 'node:zlib';
import { jsonSyntaxProblem, notAnArtefact } from './errors.ts';
import { isHar, scanHar, type HarCapture, type HarIdpError } from './har.ts';
import { looksLikeJwt } from './jwt.ts';
import type { SecretScrubber } from '../../lib/index.ts';

export type ArtefactSource = 'xml' | 'base64' | 'deflated-base64' | 'form-body' | 'jwt' | 'token-response' | 'callback-url' | 'har';

export type DetectedArtefact =
  | { readonly kind: 'saml'; readonly xml: string; readonly source: ArtefactSource; readonly relayState?: string }
  | { readonly kind: 'jwt'; readonly token: string; readonly source: ArtefactSource }
  | { readonly kind: 'idp-error'; readonly error: HarIdpError; readonly source: 'har' };

export interface ArtefactInput {
  readonly artefact: DetectedArtefact;
  /** Where it was found and what else was there (HAR), in plain words. */
  readonly notes: readonly string[];
  /** HAR entries carry their own capture time; used when --at is not given. */
  readonly capturedAt?: Date;
  readonly har?: { readonly entry: number; readonly url: string; readonly how: string };
}

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

const METADATA_ROOT = /^(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:[\w.-]+:)?Entit(?:y|ies)Descriptor[\s>/]/;
const PASS_WITH_CONFIG =
  "explain reads login messages (a SAMLResponse, an ID token or a HAR of the login); pass this document with --config to check one against it: sso-harness explain <SAMLResponse, token or HAR> --config <this file>. To check the customer's set-up before SSO is enabled: sso-harness certify --config <customer file>.";

export function readArtefact(input: string, secrets: SecretScrubber): ArtefactInput {
  const text = input.replace(/^\uFEFF/, '').trim();
  if (text.length === 0) throw notAnArtefact('the input is empty.');
  if (METADATA_ROOT.test(text)) throw notAnArtefact(`it is SAML metadata (an EntityDescriptor), not a login message. ${PASS_WITH_CONFIG}`);
  if (text.startsWith('<')) return { artefact: { kind: 'saml', xml: text, source: 'xml' }, notes: [] };
  if (/^ya29\.[\w-]+/.test(text))
    throw notAnArtefact(
      'it is a Google OAuth access token (opaque, "ya29."), not an ID token: the portal checks the ID token of the login, the id_token member of the token response (a JWT starting with "eyJ").',
    );
  if (text.startsWith('{') || text.startsWith('[')) return fromJson(text, secrets);
  if (looksLikeJwt(text)) return jwt(text, 'jwt', secrets);
  if (/(^|[?&])SAMLResponse=/.test(text)) return fromFormBody(text);
  if (/(^|[?&#])id_token=/.test(text)) return fromCallback(text, secrets);
  return { artefact: { kind: 'saml', ...decodeBase64Saml(text) }, notes: [] };
}

function jwt(token: string, source: ArtefactSource, secrets: SecretScrubber): ArtefactInput {
  secrets.add(token.split('.')[2]);
  return { artefact: { kind: 'jwt', token, source }, notes: [] };
}

function fromJson(text: string, secrets: SecretScrubber): ArtefactInput {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw notAnArtefact(
      `it starts like JSON but is not valid JSON (${jsonSyntaxProblem(error)}). A HAR file must be saved whole from the browser DevTools.`,
    );
  }
  if (isHar(value)) return fromHar(value, secrets);
  const document = value as Record<string, unknown>;
  if (
    typeof document.issuer === 'string' &&
    (typeof document.jwks_uri === 'string' || typeof document.authorization_endpoint === 'string')
  ) {
    throw notAnArtefact(
      `it is an OpenID Provider discovery document (issuer ${document.issuer}), not a login message. ${PASS_WITH_CONFIG}`,
    );
  }
  if (Array.isArray(document.keys) && document.keys.every((key) => typeof key === 'object' && key !== null && 'kty' in key)) {
    throw notAnArtefact(`it is a JWKS (${document.keys.length} key(s)), not a login message. ${PASS_WITH_CONFIG}`);
  }
  const idToken = document.id_token;
  if (typeof idToken === 'string') {
    for (const name of ['access_token', 'refresh_token']) secrets.add((value as Record<string, unknown>)[name] as string | undefined);
    return { ...jwt(idToken, 'token-response', secrets), notes: ['Read the id_token member of a token endpoint response.'] };
  }
  if (typeof document.access_token === 'string')
    throw notAnArtefact(
      'it is a token endpoint response without an id_token (only an access token): the login did not ask for the "openid" scope, so there is no ID token to check.',
    );
  throw notAnArtefact('it is JSON but neither a HAR file (no "log.entries" array) nor a token endpoint response (no "id_token" member).');
}

function fromFormBody(text: string): ArtefactInput {
  const params = new URLSearchParams(text.includes('?') && !text.startsWith('SAMLResponse=') ? text.slice(text.indexOf('?') + 1) : text);
  const value = params.get('SAMLResponse') ?? '';
  const relayState = params.get('RelayState');
  const decoded = decodeBase64Saml(value);
  return {
    artefact: { kind: 'saml', ...decoded, source: 'form-body', ...(relayState ? { relayState } : {}) },
    notes: ['Read the SAMLResponse field of a URL-encoded form body (the POST to the ACS).'],
  };
}

function fromCallback(text: string, secrets: SecretScrubber): ArtefactInput {
  const query = text.replace(/^[^?#]*[?#]/, '');
  const params = new URLSearchParams(query.replace('#', '&'));
  const token = params.get('id_token') ?? '';
  for (const name of ['code', 'access_token', 'state', 'session_state']) secrets.add(params.get(name));
  if (!looksLikeJwt(token))
    throw notAnArtefact('its id_token parameter is not a JWT (three dot-separated base64url parts starting with "eyJ").');
  return { ...jwt(token, 'callback-url', secrets), notes: ['Read the id_token parameter of a callback URL / form_post body.'] };
}

function decodeBase64Saml(raw: string): { xml: string; source: ArtefactSource } {
  let text = raw.replace(/\s+/g, '');
  if (/%[0-9A-Fa-f]{2}/.test(text)) {
    try {
      text = decodeURIComponent(text);
    } catch {
      throw notAnArtefact('it looks URL-encoded but contains an invalid %-escape.');
    }
  }
  if (!BASE64.test(text)) {
    const bad = [...text].find((char) => !/[A-Za-z0-9+/=_-]/.test(char)) ?? '';
    throw notAnArtefact(
      `it is not XML (does not start with "<"), not a JWT (three base64url parts starting with "eyJ"), not a form body (no SAMLResponse= or id_token= parameter), not JSON (HAR or token response), and not base64 (it contains ${JSON.stringify(bad)}).`,
    );
  }
  const bytes = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  const plain = bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (plain.startsWith('<')) return { xml: plain, source: 'base64' };
  try {
    // HTTP-Redirect binding (SAML bindings §3.4.4.1): DEFLATE, then base64.
    const inflated = inflateRawSync(bytes).toString('utf8').trimStart();
    if (inflated.startsWith('<')) return { xml: inflated, source: 'deflated-base64' };
  } catch {
    // Not deflated either: fall through to the explanation below.
  }
  throw notAnArtefact(
    `it is not XML, a JWT, a form body or JSON, and read as base64 it decodes to ${bytes.length} bytes that are not XML (a SAMLResponse decodes to text starting with "<"), deflated or not. Check that the whole SAMLResponse value was copied.`,
  );
}

function fromHar(har: unknown, secrets: SecretScrubber): ArtefactInput {
  const scan = scanHar(har, secrets);
  const last = scan.captures.at(-1);
  if (!last) {
    const lastError = scan.idpErrors.at(-1);
    if (lastError) {
      return {
        artefact: { kind: 'idp-error', error: lastError, source: 'har' },
        notes: [
          `The HAR (${scan.entries} requests) carries no SAMLResponse or ID token, but the IdP sent an error back to ${lastError.url} (entry ${lastError.entry}).`,
        ],
        ...captureTime(lastError.startedDateTime),
        har: { entry: lastError.entry, url: lastError.url, how: 'IdP error sent back to the redirect URI' },
      };
    }
    throw notAnArtefact(
      `this HAR file (${scan.entries} requests) contains no SAMLResponse (a POST to the ACS URL with a SAMLResponse field) and no ID token (token endpoint response or callback). Record the HAR from the start of the login ("Preserve log" checked in DevTools) and send it again.`,
    );
  }
  const notes = [
    `Found ${describeCount(scan.captures)} in the HAR (${scan.entries} requests); explaining the last one: entry ${last.entry}, ${last.how}.`,
  ];
  if (scan.idpErrors.length > 0)
    notes.push(
      `The HAR also shows ${scan.idpErrors.length} IdP error(s) sent back to the redirect URI (last: ${scan.idpErrors.at(-1)!.error}).`,
    );
  const location = { entry: last.entry, url: last.url, how: last.how };
  if (last.kind === 'jwt') return { ...jwt(last.value, 'har', secrets), notes, ...captureTime(last.startedDateTime), har: location };
  return {
    artefact: {
      kind: 'saml',
      xml: decodeBase64Saml(last.value).xml,
      source: 'har',
      ...(last.relayState ? { relayState: last.relayState } : {}),
    },
    notes,
    ...captureTime(last.startedDateTime),
    har: location,
  };
}

function describeCount(captures: readonly HarCapture[]): string {
  const saml = captures.filter((capture) => capture.kind === 'saml').length;
  const tokens = captures.length - saml;
  return [saml ? `${saml} SAMLResponse(s)` : '', tokens ? `${tokens} ID token(s)` : ''].filter(Boolean).join(' and ');
}

function captureTime(started: string | undefined): { capturedAt?: Date } {
  if (!started) return {};
  const at = new Date(started);
  return Number.isNaN(at.getTime()) ? {} : { capturedAt: at };
}
