// The narrow seams around oidc-provider's routes (a koa middleware, `provider.use`): after the
// engine has done the protocol work, the answer is reshaped the way the vendor sends it and the
// active faults are applied — discovery issuer, JWKS content, the authorization redirect,
// invalid_client answers, the ID token (post-signing mutator) and userinfo.
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { TenantState } from '../tenants.ts';
import type { OidcPersona } from '../types.ts';
import type { PersonaFaults, ResolvedFault } from './activeFaults.ts';
import type { OidcFault } from './effects.ts';
import { nearMiss } from '../nearMissValues.ts';
import { discoveryDocument, DISCOVERY_PATH } from './discovery.ts';
import { issueIdToken, issueUserinfo, publishedExtras, publishedJwks, type IssueRequest } from './issue.ts';
import { alterIssuer, decodeUnverified, type JwksChange } from './jwtMutator.ts';
import { renderErrorPage } from './pages.ts';
import {
  invalidGrantAnswer,
  offlineRequestOf,
  shapeTokenAnswer,
  type AuthorizationParams,
  type OfflineGrants,
  type OfflineRequest,
} from './refresh.ts';

export type OidcRoute = 'discovery' | 'jwks' | 'authorize' | 'token' | 'userinfo' | 'login' | 'other';

export { DISCOVERY_PATH } from './discovery.ts';

export function routeOf(persona: OidcPersona, relativePath: string, loginPath: string): OidcRoute {
  const { endpoints } = persona;
  if (relativePath === DISCOVERY_PATH) return 'discovery';
  if (relativePath === endpoints.jwks) return 'jwks';
  if (relativePath === endpoints.token) return 'token';
  if (relativePath === endpoints.userinfo) return 'userinfo';
  // `{authorization}/{uid}` is oidc-provider's resume step of the same authorization request.
  if (relativePath === endpoints.authorization || relativePath.startsWith(`${endpoints.authorization}/`)) return 'authorize';
  if (relativePath.startsWith(`${loginPath}/`)) return 'login';
  return 'other';
}

/** JWKS changes a consumed one-shot fault made (a key published, or the signing key alone) stay while its token is checked. */
export class StickyJwksExtras {
  static readonly #TTL_MS = 10 * 60_000;
  readonly #until = new Map<JwksChange, number>();

  remember(extras: Iterable<JwksChange>): void {
    for (const extra of extras) this.#until.set(extra, Date.now() + StickyJwksExtras.#TTL_MS);
  }

  current(): Set<JwksChange> {
    const now = Date.now();
    return new Set([...this.#until].filter(([, until]) => until > now).map(([extra]) => extra));
  }

  clear(): void {
    this.#until.clear();
  }
}

/** Faults applied to one access token's ID token, so userinfo for that token stays consistent. */
class FaultsByAccessToken {
  static readonly #LIMIT = 2000;
  readonly #map = new Map<string, readonly OidcFault[]>();

  set(token: string, faults: readonly OidcFault[]): void {
    this.#map.set(token, faults);
    if (this.#map.size > FaultsByAccessToken.#LIMIT) this.#map.delete(this.#map.keys().next().value!);
  }

  get(token: string): readonly OidcFault[] {
    return this.#map.get(token) ?? [];
  }
}

export interface VendorErrorDelivery {
  /** Redirect the error back to the client (Okta, Auth0) or show the vendor page (Entra, Google). */
  deliver(ctx: KoaContextWithOIDC, which: 'userNotAssigned' | 'userDisabled', values: Record<string, string>): void;
}

export interface ShapingDeps {
  readonly persona: OidcPersona;
  readonly tenant: TenantState;
  readonly issuer: string;
  readonly loginPath: string;
  readonly faults: PersonaFaults;
  readonly sticky: StickyJwksExtras;
  readonly errors: VendorErrorDelivery;
  readonly offline: OfflineGrants;
}

type Next = () => Promise<unknown>;
type JsonBody = Record<string, unknown>;

function isJsonBody(body: unknown): body is JsonBody {
  return typeof body === 'object' && body !== null && !Buffer.isBuffer(body);
}

function uniqueFaults(...lists: ReadonlyArray<readonly OidcFault[]>): OidcFault[] {
  const seen = new Map<string, OidcFault>();
  for (const fault of lists.flat()) seen.set(fault.id, fault);
  return [...seen.values()];
}

const faultsOf = (resolved: readonly ResolvedFault[]): OidcFault[] => resolved.map(({ fault }) => fault);

export function createShapingMiddleware(deps: ShapingDeps): (ctx: KoaContextWithOIDC, next: Next) => Promise<void> {
  const { persona, tenant } = deps;
  const rotatedFor = new WeakSet<object>();
  const faultsByAccessToken = new FaultsByAccessToken();

  function vendorInvalidClient(ctx: KoaContextWithOIDC, which: 'invalidClient' | 'clientSecretExpired', clientId: string): void {
    const error = persona.errors[which];
    const description = error.message.replace('{clientId}', clientId);
    ctx.status = error.httpStatus;
    ctx.body = {
      error: error.code,
      error_description: description,
      // Entra adds its numeric AADSTS code list.
      ...(persona.errorStyle.numericErrorCodes ? { error_codes: [Number(/AADSTS(\d+)/.exec(description)?.[1] ?? 0)] } : {}),
    };
  }

  function requestedClientId(ctx: KoaContextWithOIDC): string {
    // Before oidc-provider has run, only the Basic header is parsed; fall back to the registration.
    const basic = /^Basic\s+(.+)$/i.exec(ctx.get('authorization'))?.[1];
    const basicId = basic ? decodeURIComponent(Buffer.from(basic, 'base64').toString('utf8').split(':')[0] ?? '') : undefined;
    const oidc = ctx.oidc as KoaContextWithOIDC['oidc'] | undefined;
    return oidc?.client?.clientId ?? basicId ?? tenant.oidcApp(persona.id)?.clientId ?? '';
  }

  async function onToken(ctx: KoaContextWithOIDC, next: Next): Promise<void> {
    const refusal = deps.faults.take('client-auth')[0]?.fault.effect;
    if (refusal?.seam === 'client-auth') {
      vendorInvalidClient(ctx, refusal.failure === 'secret-expired' ? 'clientSecretExpired' : 'invalidClient', requestedClientId(ctx));
      return;
    }
    await next();
    const body = ctx.body;
    if (ctx.status === 401 && isJsonBody(body) && body.error === 'invalid_client') {
      vendorInvalidClient(ctx, 'invalidClient', requestedClientId(ctx));
      return;
    }
    const grantType = ctx.oidc.params?.grant_type;
    // The request log tells a refresh apart from a code exchange (the conformance matrix asks whether the SP refreshes).
    if (grantType === 'refresh_token') tenant.log({ persona: persona.id, method: ctx.method, path: ctx.path, kind: 'oidc.token.refresh' });
    if (grantType === 'refresh_token' && isJsonBody(body) && body.error === 'invalid_grant') {
      // Revoked, expired, unknown or reused: the vendor's words, never oidc-provider's.
      ctx.body = invalidGrantAnswer(persona);
      return;
    }
    if (ctx.status !== 200 || !isJsonBody(body)) return;
    const rotated = ctx.oidc.entities.RotatedRefreshToken !== undefined;
    // A one-shot rotation fault is spent on the refresh grant it made rotate.
    if (grantType === 'refresh_token' && rotated)
      deps.faults.takeWhere(
        'refresh-token',
        (fault) => fault.effect.seam === 'refresh-token' && fault.effect.change === 'rotated-reuse-refused',
      );
    ctx.body = shapeTokenAnswer(persona, body, { type: typeof grantType === 'string' ? grantType : '', rotated });
    if (typeof body.id_token !== 'string' || typeof body.access_token !== 'string') return;
    const issued = decodeUnverified(body.id_token).payload;
    const user = typeof issued.sub === 'string' ? tenant.directory.byId(issued.sub) : undefined;
    const clientId = ctx.oidc.client?.clientId;
    if (!user || clientId === undefined) {
      ctx.status = 400;
      ctx.body = { error: 'invalid_grant', error_description: 'The user of this grant no longer exists in the directory.' };
      return;
    }
    const resolved = deps.faults.take('id-token', 'user-claims', 'clock', 'signing-key');
    for (const { active, fault } of resolved) {
      // The IdP rotated its key just before this token: once per activation of the fault.
      if (fault.effect.seam === 'signing-key' && !rotatedFor.has(active)) {
        tenant.rotateSigningKey(persona.id);
        rotatedFor.add(active);
      }
    }
    const faults = faultsOf(resolved);
    deps.sticky.remember(publishedExtras(faults));
    const code = ctx.oidc.entities.AuthorizationCode ?? ctx.oidc.entities.RefreshToken;
    const request: IssueRequest = {
      persona,
      tenant,
      issuer: deps.issuer,
      clientId,
      clientSecret: tenant.oidcApp(persona.id)?.clientSecret ?? '',
      user,
      scopes: new Set(typeof body.scope === 'string' ? body.scope.split(' ') : ['openid']),
      faults,
      accessToken: body.access_token,
      // OIDC Core §12.2: an ID token from a refresh grant should not carry a nonce.
      ...(typeof issued.nonce === 'string' && grantType !== 'refresh_token' ? { nonce: issued.nonce } : {}),
      ...(code?.authTime === undefined ? {} : { authTime: code.authTime }),
      ...(code?.sessionUid === undefined ? {} : { sessionId: code.sessionUid }),
    };
    faultsByAccessToken.set(body.access_token, faults);
    ctx.body = { ...(ctx.body as JsonBody), id_token: await issueIdToken(request) };
  }

  async function onUserinfo(ctx: KoaContextWithOIDC, next: Next): Promise<void> {
    await next();
    const token = ctx.oidc.entities.AccessToken;
    if (ctx.status !== 200 || !token?.accountId) return;
    const user = tenant.directory.byId(token.accountId);
    if (!user) return;
    const presented = ctx.oidc.getAccessToken();
    const faults = uniqueFaults(
      faultsByAccessToken.get(presented),
      faultsOf(deps.faults.peek('user-claims', 'clock')),
      faultsOf(deps.faults.take('userinfo')),
    );
    ctx.body = await issueUserinfo({
      persona,
      tenant,
      issuer: deps.issuer,
      clientId: token.clientId ?? '',
      clientSecret: '',
      user,
      scopes: new Set((token.scope ?? 'openid').split(' ')),
      faults,
    });
  }

  /**
   * prompt values the vendor does not act on are dropped from the request; one it refuses on its
   * own page (Google: login) ends the request there. Values outside the interaction policy are
   * oidc-provider's invalid_request back to the client. True when the request may go on.
   */
  function screenPrompts(ctx: KoaContextWithOIDC): boolean {
    const raw = ctx.query.prompt;
    if (typeof raw !== 'string') return true;
    const values = raw.split(' ').filter(Boolean);
    const ignored: readonly string[] = persona.prompts.ignored ?? [];
    const supported: readonly string[] = persona.prompts.supported;
    const refused = values.find((value) => !supported.includes(value) && !ignored.includes(value));
    const page = persona.prompts.refusedPage;
    if (refused !== undefined && page) {
      ctx.status = page.httpStatus;
      ctx.type = 'html';
      ctx.body = renderErrorPage({
        vendor: persona.vendor,
        error: page,
        values: { prompt: refused },
        hint: `${persona.displayName} does not support prompt=${refused}: send one of ${persona.prompts.supported.join(', ')}.`,
      });
      return false;
    }
    const kept = values.filter((value) => !ignored.includes(value));
    if (kept.length !== values.length) {
      const query: Record<string, unknown> = { ...ctx.query };
      if (kept.length === 0) delete query.prompt;
      else query.prompt = kept.join(' ');
      ctx.query = query as typeof ctx.query;
    }
    return true;
  }

  /** The refresh-token request of this authorization request: from its parameters, or from before its login page. */
  function offlineRequestFor(ctx: KoaContextWithOIDC): OfflineRequest | undefined {
    const relative = ctx.path;
    if (relative === persona.endpoints.authorization) {
      const oidc = ctx.oidc as KoaContextWithOIDC['oidc'] | undefined;
      const params: AuthorizationParams | undefined = ctx.method === 'POST' ? oidc?.body : ctx.query;
      return params ? offlineRequestOf(persona, params) : undefined;
    }
    return deps.offline.resumed(relative.slice(persona.endpoints.authorization.length + 1));
  }

  async function onAuthorize(ctx: KoaContextWithOIDC, next: Next): Promise<void> {
    if (ctx.path === persona.endpoints.authorization && !screenPrompts(ctx)) return;
    await next();
    const location = ctx.response.get('location');
    const offlineRequest = offlineRequestFor(ctx);
    const interactionUid = location
      ? new RegExp(`${deps.loginPath}/([^/?#]+)$`).exec(new URL(location, deps.issuer).pathname)?.[1]
      : undefined;
    if (interactionUid !== undefined && offlineRequest) deps.offline.awaitInteraction(interactionUid, offlineRequest);
    // Refused before oidc-provider built its context (e.g. a malformed request): nothing to shape.
    const oidc = ctx.oidc as KoaContextWithOIDC['oidc'] | undefined;
    const redirectUri = oidc?.params?.redirect_uri;
    if (!location || typeof redirectUri !== 'string' || !location.startsWith(redirectUri)) return;
    const url = new URL(location);
    const code = url.searchParams.get('code');
    const accountId = ctx.oidc.session?.accountId;
    if (code !== null && offlineRequest && accountId !== undefined)
      deps.offline.codeIssued(code, offlineRequest, accountId, ctx.oidc.client?.clientId ?? '');
    // Vendors do not send RFC 9207 `iss` on the authorization response; oidc-provider does.
    url.searchParams.delete('iss');
    if (url.searchParams.has('code')) {
      const user = accountId === undefined ? undefined : tenant.directory.byId(accountId);
      const values = { clientId: ctx.oidc.client?.clientId ?? '', user: user?.upn ?? '', redirectUri };
      const outcomes = deps.faults.take('authorization').map(({ fault }) => fault.effect);
      if (user?.disabled === true) {
        deps.errors.deliver(ctx, 'userDisabled', values);
        return;
      }
      if (
        user?.assigned === false ||
        outcomes.some((effect) => effect.seam === 'authorization' && effect.outcome === 'user-not-assigned')
      ) {
        deps.errors.deliver(ctx, 'userNotAssigned', values);
        return;
      }
      if (outcomes.some((effect) => effect.seam === 'authorization' && effect.outcome === 'state-altered')) {
        url.searchParams.set('state', `${url.searchParams.get('state') ?? ''}-altered`);
      }
      const nearMissState = outcomes.find((effect) => effect.seam === 'authorization' && effect.outcome === 'state-near-miss');
      if (nearMissState?.seam === 'authorization' && nearMissState.outcome === 'state-near-miss') {
        url.searchParams.set('state', nearMiss(url.searchParams.get('state') ?? '', nearMissState.variant));
      }
    }
    ctx.redirect(url.href);
  }

  async function onDiscovery(ctx: KoaContextWithOIDC, next: Next): Promise<void> {
    await next();
    if (ctx.status !== 200 || !isJsonBody(ctx.body)) return;
    // The vendor's document (discovery.ts), not oidc-provider's: a discovery fault changes only its issuer.
    const body: JsonBody = discoveryDocument(persona, deps.issuer);
    const variant = deps.faults
      .take('discovery')
      .map(({ fault }) => fault.effect)
      .find((effect) => effect.seam === 'discovery');
    if (variant?.seam === 'discovery') body.issuer = alterIssuer(deps.issuer, variant.issuer);
    ctx.body = body;
  }

  async function onJwks(ctx: KoaContextWithOIDC, next: Next): Promise<void> {
    const movedTo = tenant.oidcJwksMovedTo;
    if (movedTo !== undefined && new URL(movedTo).host !== ctx.host) {
      ctx.set('cache-control', 'no-store');
      ctx.redirect(movedTo);
      return;
    }
    await next();
    if (ctx.status !== 200) return;
    const extras = new Set([...publishedExtras(faultsOf(deps.faults.peek('id-token'))), ...deps.sticky.current(), ...tenant.jwksChanges]);
    ctx.body = await publishedJwks(tenant, persona, deps.issuer, extras);
  }

  return async (ctx, next) => {
    switch (routeOf(persona, ctx.path, deps.loginPath)) {
      case 'token':
        return onToken(ctx, next);
      case 'userinfo':
        return onUserinfo(ctx, next);
      case 'authorize':
        return onAuthorize(ctx, next);
      case 'discovery':
        return onDiscovery(ctx, next);
      case 'jwks':
        return onJwks(ctx, next);
      default:
        await next();
        if (ctx.status === 404) {
          ctx.type = 'text';
          ctx.body = `${ctx.path} is not an endpoint of the ${persona.displayName} persona. Its discovery document lists them: ${deps.issuer.replace(/\/$/, '')}${DISCOVERY_PATH}\n`;
          ctx.status = 404;
        }
    }
  };
}
