// One OIDC persona of one tenant: oidc-provider mounted with Express under the vendor-shaped
// issuer path (Entra `/entra/{tid}/v2.0`, Okta `/okta/{org}/oauth2/default`, Google
// `/google/{idpid}`, Auth0 `/auth0/{tenant}/`), our vendor login and error pages, and the
// shaping/fault seams of shaping.ts. The server hands it every request under the issuer path, and
// the published endpoint paths of a persona whose endpoints sit beside the issuer (Entra
// `/entra/{tid}/oauth2/v2.0/…`), which it serves at their place under the issuer path.
import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { ErrorOut, KoaContextWithOIDC } from 'oidc-provider';
import type { PersonaEngine } from '../engineTypes.ts';
import type { PersonaContext } from '../tenants.ts';
import type { OidcPersona } from '../types.ts';
import { oidcUrls } from '../urls.ts';
import { PersonaFaults } from './activeFaults.ts';
import { createAdapterFactory, OidcStore } from './adapter.ts';
import { createLoginRouter } from './login.ts';
import { escapeHtml } from '../../lib/index.ts';
import { fillMessage, renderErrorPage } from './pages.ts';
import { endpointBase, engineEndpointPath } from './discovery.ts';
import { buildProvider } from './provider.ts';
import { OfflineGrants } from './refresh.ts';
import { createShapingMiddleware, routeOf, StickyJwksExtras, type VendorErrorDelivery } from './shaping.ts';

export type OidcEngineContext = PersonaContext & { persona: OidcPersona };

/** Toggle the trailing slash of every registered redirect URI: the commonest real mismatch. */
function unregistered(uris: readonly string[]): string[] {
  return uris.map((uri) => (uri.endsWith('/') ? uri.slice(0, -1) : `${uri}/`));
}

export function createOidcEngine(ctx: OidcEngineContext): PersonaEngine {
  const { tenant, persona } = ctx;
  const { issuer } = oidcUrls(persona, tenant.ids, ctx.origin);
  const mountPath = new URL(issuer).pathname.replace(/\/$/, '');
  // The session must reach the authorization endpoint: beside the issuer, the cookies sit one level up.
  const cookiePath = `${new URL(endpointBase(persona, issuer)).pathname.replace(/\/$/, '')}/`;
  const loginPath = persona.loginPath;
  const faults = new PersonaFaults(tenant, persona);
  const store = new OidcStore();
  const sticky = new StickyJwksExtras();

  const adapter = createAdapterFactory(store, {
    registration: (clientId) => {
      const app = tenant.oidcApp(persona.id);
      return app?.clientId === clientId ? app : undefined;
    },
    redirectUris: (registration) => (faults.has('registration') ? unregistered(registration.redirectUris) : registration.redirectUris),
    consumeCodes: () => !faults.has('code'),
    // Entra: a redeemed refresh token stays valid until it expires, beside the new one.
    consumeRefreshTokens: () => persona.refreshTokens.rotation !== 'new-each-use',
    refreshTokenExtraScopes: () => (persona.refreshTokens.requestedBy === 'offline_access-scope' ? ['offline_access'] : []),
    refreshTokenRevoked: () =>
      faults.takeWhere('refresh-token', (fault) => fault.effect.seam === 'refresh-token' && fault.effect.change === 'revoked').length > 0,
  });
  const offline = new OfflineGrants(persona);
  const reuseRefused = (): boolean =>
    faults.has('refresh-token', (fault) => fault.effect.seam === 'refresh-token' && fault.effect.change === 'rotated-reuse-refused');

  const hintFor = (error: string): string => {
    switch (error) {
      case 'invalid_redirect_uri':
        return 'the redirect_uri is not registered on this app: register it exactly (control API: register the app for this persona), or send the registered one. The IdP never redirects to an unregistered URI.';
      case 'invalid_client':
        return `no app with this client_id is registered for ${persona.id} in this tenant: register one through the control API, or fix the client ID at the SP.`;
      default:
        return 'the authorization request was refused; the error above says which parameter to fix.';
    }
  };

  const renderError = (koa: KoaContextWithOIDC, out: ErrorOut): void => {
    const oidc = koa.oidc as KoaContextWithOIDC['oidc'] | undefined;
    const clientId = typeof oidc?.params?.client_id === 'string' ? oidc.params.client_id : '';
    const redirectUri = typeof oidc?.params?.redirect_uri === 'string' ? oidc.params.redirect_uri : '';
    const error =
      out.error === 'invalid_redirect_uri'
        ? persona.errors.redirectUriMismatch
        : { code: out.error, title: 'Sign-in error', message: out.error_description ?? out.error, httpStatus: koa.status };
    koa.type = 'html';
    koa.body = renderErrorPage({ vendor: persona.vendor, error, values: { clientId, redirectUri }, hint: hintFor(out.error) });
  };

  const provider = buildProvider({
    persona,
    tenant,
    issuer,
    mountPath,
    cookiePath,
    adapter,
    renderError,
    issuesRefreshToken: (code) => offline.earnsRefreshToken(code),
    rotatesRefreshToken: () => persona.refreshTokens.rotation !== 'none' || reuseRefused(),
  });

  const errors: VendorErrorDelivery = {
    deliver(koa, which, values) {
      const error = persona.errors[which];
      const redirectUri = values.redirectUri ?? '';
      if (error.httpStatus === 302) {
        const back = new URL(redirectUri);
        back.searchParams.set('error', error.code);
        back.searchParams.set('error_description', fillMessage(error.message, values));
        const state = koa.oidc.params?.state;
        if (typeof state === 'string') back.searchParams.set('state', state);
        koa.redirect(back.href);
        return;
      }
      koa.status = error.httpStatus;
      koa.type = 'html';
      koa.body = renderErrorPage({
        vendor: persona.vendor,
        error,
        values,
        hint:
          which === 'userNotAssigned'
            ? 'the user is not assigned to this app: assign it (control API: PATCH the user with assigned=true) or clear the fault.'
            : 'the user is disabled: enable it through the control API or log in as another user.',
      });
    },
  };

  provider.use(createShapingMiddleware({ persona, tenant, issuer, loginPath, faults, sticky, errors, offline }));
  // A harness bug inside oidc-provider's pipeline: the client gets a plain server_error; the cause goes to stderr.
  provider.on('server_error', (_koa: unknown, error: Error) => {
    process.stderr.write(`mock IdP (${persona.id}) internal error: ${error.stack ?? error.message}\n`);
  });

  const app = express();
  app.disable('x-powered-by');
  app.use(`${mountPath}${loginPath}`, createLoginRouter({ persona, tenant, provider, mountPath, loginPath, cookiePath }));
  app.use(mountPath, provider.callback());
  app.use((req: Request, res: Response) => {
    res
      .status(404)
      .type('text')
      .send(
        `${req.path} is not an endpoint of the ${persona.displayName} persona. Discovery: ${issuer.replace(/\/$/, '')}/.well-known/openid-configuration\n`,
      );
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    process.stderr.write(
      `mock IdP (${persona.id}) internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    if (!res.headersSent)
      res
        .status(500)
        .type('html')
        .send(
          `<p>The mock ${escapeHtml(persona.displayName)} hit an internal error (a harness bug, not your configuration). Details are on the server console.</p>`,
        );
  });

  const unsubscribe = tenant.subscribe((change, changed) => {
    if (change === 'reset') {
      store.clear();
      sticky.clear();
      offline.clear();
    } else if (change === 'faults' && changed === undefined && tenant.faults.length === 0) {
      // resetFaults(): keys published for a consumed one-shot fault go too.
      sticky.clear();
    }
  });

  return {
    handle(req: IncomingMessage, res: ServerResponse): void {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const underIssuer = engineEndpointPath(persona, mountPath, url.pathname);
      if (underIssuer !== undefined) req.url = underIssuer + url.search;
      app(req as Request, res as Response, () => undefined);
    },
    kindOf(requested: string): string {
      const path = engineEndpointPath(persona, mountPath, requested) ?? requested;
      const relative = path.startsWith(mountPath) ? path.slice(mountPath.length) : path;
      const route = routeOf(persona, relative, loginPath);
      return route === 'other' ? 'oidc' : `oidc.${route}`;
    },
    close(): Promise<void> {
      unsubscribe();
      store.clear();
      return Promise.resolve();
    },
  };
}
