// A tiny OpenID provider on loopback for tests: discovery, JWKS, token and userinfo endpoints,
// ID tokens minted with jose. Tests bend one thing at a time through its public fields.
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { CompactSign } from 'jose';
import type { JWK } from 'jose';
import { sendJson, startTestServer } from './loopbackServer.ts';
import type { TestServer } from './loopbackServer.ts';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicJwk: JWK;
  readonly publicKeyPem: string;
}

export function newSigningKey(kid: string, type: 'rsa' | 'ec' = 'rsa'): SigningKey {
  const pair = type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = pair.publicKey.export({ format: 'jwk' }) as JWK;
  return {
    kid,
    privateKey: pair.privateKey,
    publicJwk: { ...jwk, kid, use: 'sig', alg: type === 'rsa' ? 'RS256' : 'ES256' },
    publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export interface SignWith {
  readonly alg?: string;
  /** Which key signs: the published one (default), an unpublished one, or an HMAC secret. */
  readonly key?: SigningKey | Uint8Array;
  /** Header kid: default the key's kid; null = no kid. */
  readonly kid?: string | null;
}

export interface AuthorizeRequest {
  readonly state: string | null;
  readonly nonce: string | null;
  readonly codeChallenge: string | null;
  readonly redirectUri: string | null;
  readonly scope: string | null;
  readonly params: URLSearchParams;
}

export interface TestOidcProvider {
  readonly server: TestServer;
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Keys published in the JWKS; the first one signs by default. */
  published: SigningKey[];
  /** Overrides merged into the discovery document. */
  discovery: Record<string, unknown>;
  /** Claim overrides for the next ID token (undefined = remove the claim). */
  claims: Record<string, unknown>;
  signWith: SignWith;
  /** Replaces the whole token endpoint answer. */
  tokenAnswer?: { status: number; body: unknown };
  userinfo: Record<string, unknown> | undefined;
  now: Date;
  lastAuthorize?: AuthorizeRequest;
  /** Act as the IdP's authorization endpoint: remember the request, answer with the callback URL. */
  authorize(url: string): URL;
  mintIdToken(extra?: { accessToken?: string; code?: string }): Promise<string>;
  close(): Promise<void>;
}

const CODE = 'authorization-code-1';

function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

function halfHash(value: string): string {
  return createHash('sha256').update(value, 'ascii').digest().subarray(0, 16).toString('base64url');
}

export async function startTestOidcProvider(options: {
  path?: string;
  clientId?: string;
  clientSecret?: string;
  now: Date;
}): Promise<TestOidcProvider> {
  const server = await startTestServer();
  const base = server.url + (options.path ?? '');
  const key = newSigningKey('key-1');
  const provider: TestOidcProvider = {
    server,
    issuer: base,
    clientId: options.clientId ?? 'portal-client',
    clientSecret: options.clientSecret ?? 'test-client-secret-not-a-real-one',
    published: [key],
    discovery: {},
    claims: {},
    signWith: {},
    userinfo: undefined,
    now: options.now,
    authorize(url: string): URL {
      const params = new URL(url).searchParams;
      provider.lastAuthorize = {
        state: params.get('state'),
        nonce: params.get('nonce'),
        codeChallenge: params.get('code_challenge'),
        redirectUri: params.get('redirect_uri'),
        scope: params.get('scope'),
        params,
      };
      const callback = new URL(params.get('redirect_uri') ?? 'http://127.0.0.1/');
      callback.searchParams.set('code', CODE);
      if (params.get('state') !== null) callback.searchParams.set('state', params.get('state') ?? '');
      return callback;
    },
    async mintIdToken(extra = {}): Promise<string> {
      const iat = Math.floor(provider.now.getTime() / 1000);
      const claims: Record<string, unknown> = {
        iss: provider.issuer,
        sub: 'user-0001',
        aud: provider.clientId,
        iat,
        exp: iat + 3600,
        ...(provider.lastAuthorize?.nonce ? { nonce: provider.lastAuthorize.nonce } : {}),
        ...(extra.accessToken ? { at_hash: halfHash(extra.accessToken) } : {}),
        email: 'alice@corp.example',
        email_verified: true,
      };
      for (const [name, value] of Object.entries(provider.claims)) {
        if (value === undefined) delete claims[name];
        else claims[name] = value;
      }
      const signer = provider.signWith.key ?? provider.published[0];
      const alg = provider.signWith.alg ?? 'RS256';
      const kid =
        provider.signWith.kid === undefined
          ? signer instanceof Uint8Array || signer === undefined
            ? undefined
            : signer.kid
          : provider.signWith.kid;
      const header = { alg, ...(kid === null || kid === undefined ? {} : { kid }) };
      const payload = new TextEncoder().encode(JSON.stringify(claims));
      if (alg === 'none')
        return `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(payload).toString('base64url')}.`;
      if (!signer) throw new Error('no signing key');
      return new CompactSign(payload).setProtectedHeader(header).sign(signer instanceof Uint8Array ? signer : signer.privateKey);
    },
    close: () => server.close(),
  };

  server.route(`${options.path ?? ''}/.well-known/openid-configuration`, (_req, _body, res) =>
    sendJson(res, 200, {
      issuer: provider.issuer,
      authorization_endpoint: `${server.url}/authorize`,
      token_endpoint: `${server.url}/token`,
      jwks_uri: `${server.url}/jwks`,
      userinfo_endpoint: `${server.url}/userinfo`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      code_challenge_methods_supported: ['S256'],
      ...provider.discovery,
    }),
  );
  server.route('/jwks', (_req, _body, res) => sendJson(res, 200, { keys: provider.published.map((k) => k.publicJwk) }));
  server.route('/token', (req, body, res) => {
    if (provider.tokenAnswer) {
      sendJson(res, provider.tokenAnswer.status, provider.tokenAnswer.body);
      return;
    }
    const form = new URLSearchParams(body);
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const [id, secret] = basic
      ? Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent)
      : [form.get('client_id'), form.get('client_secret')];
    if (id !== provider.clientId || secret !== provider.clientSecret) {
      sendJson(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed.' });
      return;
    }
    const verifier = form.get('code_verifier') ?? '';
    if (
      form.get('grant_type') !== 'authorization_code' ||
      form.get('code') !== CODE ||
      form.get('redirect_uri') !== provider.lastAuthorize?.redirectUri ||
      s256(verifier) !== provider.lastAuthorize?.codeChallenge
    ) {
      sendJson(res, 400, { error: 'invalid_grant', error_description: 'code, redirect_uri or code_verifier is wrong.' });
      return;
    }
    const accessToken = `at-${randomBytes(12).toString('hex')}`;
    void provider.mintIdToken({ accessToken }).then((idToken) =>
      sendJson(res, 200, {
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: 3600,
        id_token: idToken,
        scope: provider.lastAuthorize?.scope ?? 'openid',
      }),
    );
  });
  server.route('/userinfo', (req, _body, res) => {
    if (!/^Bearer at-/.test(req.headers.authorization ?? '')) {
      sendJson(res, 401, { error: 'invalid_token' });
      return;
    }
    sendJson(res, 200, provider.userinfo ?? { sub: 'user-0001' });
  });
  return provider;
}
