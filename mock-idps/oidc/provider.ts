// oidc-provider configured as one vendor persona of one tenant: vendor endpoint paths under the
// issuer path, a session cookie scoped to that path, our own login pages (devInteractions off),
// consent granted silently (first-party SSO apps), and clients read live from the tenant.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider, {
  interactionPolicy,
  type AdapterFactory,
  type Configuration,
  type ErrorOut,
  type JWK,
  type KoaContextWithOIDC,
} from 'oidc-provider';
import type { TenantState } from '../tenants.ts';
import type { OidcPersona } from '../types.ts';
import { SCOPE_CLAIMS, SUPPORTED_SCOPES } from './scopes.ts';

export interface ProviderSetup {
  readonly persona: OidcPersona;
  readonly tenant: TenantState;
  readonly issuer: string;
  /** The issuer path without a trailing slash: where the provider is mounted. */
  readonly mountPath: string;
  /**
   * Path of the session cookies: `{mountPath}/`, or the path the endpoints are published under when
   * they sit beside the issuer (Entra `/{tid}/`), so a browser sends its session to the authorization endpoint.
   */
  readonly cookiePath: string;
  readonly adapter: AdapterFactory;
  readonly renderError: (ctx: KoaContextWithOIDC, out: ErrorOut, error: Error) => void;
  /** Whether the code being redeemed earns a refresh token (the vendor's rule, decided when the code was issued). */
  readonly issuesRefreshToken: (codeId: string) => boolean;
  /** Whether this refresh grant replaces the presented refresh token. */
  readonly rotatesRefreshToken: () => boolean;
}

/**
 * oidc-provider's login and consent prompts, plus `select_account` where the vendor documents it:
 * requestable, resolved by the login page (login.ts). Google's refusal of `prompt=login` happens
 * before oidc-provider (shaping.ts), whose authorization endpoint answers GET only.
 */
export function interactionPolicyFor(persona: OidcPersona): interactionPolicy.DefaultPolicy {
  const policy = interactionPolicy.base();
  if (persona.prompts.supported.includes('select_account')) {
    policy.add(new interactionPolicy.Prompt({ name: 'select_account', requestable: true }), 0);
  }
  return policy;
}

// oidc-provider signs its own (discarded) ID tokens; a P-256 key is cheap to make. The tokens the
// RP sees are re-issued in the vendor's shape with the tenant's RSA key (see issue.ts).
let internalKey: JWK | undefined;
function internalSigningKey(): JWK {
  internalKey ??= {
    ...(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }) as JWK),
    use: 'sig',
    alg: 'ES256',
  };
  return internalKey;
}

async function grantSilently(ctx: KoaContextWithOIDC): Promise<InstanceType<Provider['Grant']> | undefined> {
  const { oidc } = ctx;
  const client = oidc.client;
  const accountId = oidc.session?.accountId;
  if (!client || accountId === undefined) return undefined;
  const existingId = oidc.session?.grantIdFor(client.clientId);
  const existing = existingId ? await oidc.provider.Grant.find(existingId) : undefined;
  // A grant of another account (the session switched accounts) is not this one's.
  const grant = existing?.accountId === accountId ? existing : new oidc.provider.Grant({ clientId: client.clientId, accountId });
  // Enterprise SSO apps are admin-consented: no consent screen, every requested OIDC scope granted.
  const requested = typeof oidc.params?.scope === 'string' ? oidc.params.scope : 'openid';
  grant.addOIDCScope(requested);
  await grant.save();
  return grant;
}

export function buildProvider(setup: ProviderSetup): Provider {
  const { persona, tenant, mountPath } = setup;
  const cookie = { httpOnly: true, sameSite: 'lax' as const, path: setup.cookiePath };
  const configuration: Configuration = {
    adapter: setup.adapter,
    jwks: { keys: [internalSigningKey()] },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      revocation: { enabled: persona.endpoints.revocation !== undefined },
      introspection: { enabled: persona.endpoints.introspection !== undefined },
    },
    // The vendor's paths; logout and PAR stay at oidc-provider's own paths where the vendor publishes none.
    routes: {
      authorization: persona.endpoints.authorization,
      token: persona.endpoints.token,
      userinfo: persona.endpoints.userinfo,
      jwks: persona.endpoints.jwks,
      ...(persona.endpoints.logout === undefined ? {} : { end_session: persona.endpoints.logout }),
      ...(persona.endpoints.revocation === undefined ? {} : { revocation: persona.endpoints.revocation }),
      ...(persona.endpoints.introspection === undefined ? {} : { introspection: persona.endpoints.introspection }),
      ...(persona.endpoints.pushedAuthorization === undefined
        ? {}
        : { pushed_authorization_request: persona.endpoints.pushedAuthorization }),
    },
    responseTypes: ['code'],
    scopes: SUPPORTED_SCOPES,
    claims: SCOPE_CLAIMS,
    // Vendors require PKCE from public clients (SPA, native); confidential web apps may use it.
    pkce: { required: (_ctx, client) => client.clientAuthMethod === 'none' },
    allowOmittingSingleRegisteredRedirectUri: false,
    interactions: {
      policy: interactionPolicyFor(persona),
      url: (_ctx, interaction) => `${mountPath}${persona.loginPath}/${interaction.uid}`,
    },
    // Refresh tokens by the vendor's rule (scope offline_access, Google's access_type=offline),
    // not oidc-provider's (which drops offline_access unless prompt=consent).
    issueRefreshToken: (_ctx, client, code) =>
      client.grantTypeAllowed('refresh_token') && code.jti !== undefined && setup.issuesRefreshToken(code.jti),
    rotateRefreshToken: () => setup.rotatesRefreshToken(),
    cookies: {
      keys: [randomBytes(32).toString('base64url')],
      names: {
        session: persona.sessionCookie,
        interaction: `${persona.sessionCookie}_interaction`,
        resume: `${persona.sessionCookie}_resume`,
      },
      long: cookie,
      short: cookie,
    },
    findAccount: (_ctx, id) => {
      const user = tenant.directory.byId(id);
      return user ? { accountId: user.id, claims: () => ({ sub: user.id }) } : undefined;
    },
    loadExistingGrant: grantSilently,
    renderError: (ctx, out, error) => setup.renderError(ctx, out, error),
    clientBasedCORS: () => true,
    // A test IdP keeps what a login leaves behind for hours, not days (adapter.ts also caps the
    // store): a working day of sessions, ten minutes to type a password. Lifetimes an RP sees on
    // the wire (access token expires_in, ID token exp) stay the vendors'.
    ttl: {
      AccessToken: 3600,
      // Entra and Okta codes live 10 and 5 minutes; 5 is the stricter.
      AuthorizationCode: 300,
      IdToken: persona.idToken.lifetimeSeconds,
      Interaction: 600,
      Session: 28_800,
      Grant: 28_800,
      RefreshToken: 28_800,
    },
  };
  return new Provider(setup.issuer, configuration);
}
