// The HTTP server behind startIdpServer (server.ts): routes each request to the control API or to
// the engine of one persona of one tenant. Engines are created per tenant and persona on first
// use; right after listen, a background warm-up prepares the demo tenant's keys and loads the
// protocol engines, so the first requests pay for neither and nothing waits for it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback } from '../lib/index.ts';
import { handleControlRequest } from './control/api.ts';
import type { PersonaEngine } from './engineTypes.ts';
import { loadOidcEngineFactory, loadSamlEngineFactory } from './engines.ts';
import type { KeyCache } from './keyCache.ts';
import { DISCOVERY_PATH, engineEndpointPath, isPlainDiscoveryRequest, serveDiscovery } from './oidc/discovery.ts';
import { persistCompileCache } from './machineCache.ts';
import { PERSONAS, VENDOR_PERSONAS } from './personas/index.ts';
import { serveIdpMetadata } from './saml/metadata.ts';
import { samlPaths, samlRouteOf } from './saml/routes.ts';
import { CONTROL_PREFIX, DEMO_TENANT_KEY, type IdpServer, type IdpServerOptions, type ServerContext } from './serverContract.ts';
import { fillTemplate } from './tenantIds.ts';
import { TenantRegistry, type PersonaContext, type TenantState } from './tenants.ts';
import { PERSONA_IDS, VENDORS, type OidcPersona, type PersonaId, type SamlPersona, type Vendor } from './types.ts';
import { oidcUrls } from './urls.ts';

/** `demoKeys`: where the demo tenant's first keys come from (the machine cache, keys generated since start-up). */
export async function startPersonaServer(options: IdpServerOptions, demoKeys?: KeyCache): Promise<IdpServer> {
  const personas = options.personas ?? [...PERSONA_IDS];
  const tenants = new TenantRegistry();
  const demo = tenants.create({ key: DEMO_TENANT_KEY });
  demo.useKeyCache(demoKeys);
  const engines = new Map<string, Promise<PersonaEngine | undefined>>();
  let origin = '';

  const context: ServerContext = {
    get origin() {
      return origin;
    },
    tenants,
    personas,
    async dropEngines(tenantKey) {
      const prefix = `${tenantKey}/`;
      const dropped = [...engines.entries()].filter(([key]) => key.startsWith(prefix));
      for (const [key] of dropped) engines.delete(key);
      await Promise.all(dropped.map(async ([, engine]) => (await engine)?.close()));
    },
  };

  const engineKey = (tenant: TenantState, persona: SamlPersona | OidcPersona): string => `${tenant.key}/${persona.id}`;
  const engineFor = (tenant: TenantState, persona: SamlPersona | OidcPersona, basePath: string): Promise<PersonaEngine | undefined> => {
    const key = engineKey(tenant, persona);
    let engine = engines.get(key);
    if (!engine) {
      const ctx: PersonaContext = { tenant, persona, origin, basePath };
      engine =
        persona.protocol === 'saml'
          ? loadSamlEngineFactory().then((factory) => factory({ ...ctx, persona }))
          : loadOidcEngineFactory().then((factory) => factory?.({ ...ctx, persona }));
      engines.set(key, engine);
    }
    return engine;
  };

  let warmUp: WarmUp | undefined;
  const server = createServer((req, res) => {
    warmUp?.track(res);
    handle(req, res).catch((error: unknown) => internalError(res, error));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const path = url.pathname;
    if (path.startsWith(CONTROL_PREFIX) || path === CONTROL_PREFIX.slice(0, -1)) {
      await handleControlRequest(req, res, url, context);
      return;
    }
    const [, vendorSegment = '', tenantSegment = ''] = path.split('/');
    if (!(VENDORS as readonly string[]).includes(vendorSegment)) {
      notFound(
        res,
        `No mock IdP lives at ${path}. Persona paths start with /entra/, /okta/, /google/ or /auth0/ followed by the tenant's vendor id; ask the control API (GET ${CONTROL_PREFIX}tenants/demo) for a tenant's URLs.`,
      );
      return;
    }
    const vendor = vendorSegment as Vendor;
    const tenant = tenants.byVendorPathId(vendor, tenantSegment);
    if (!tenant) {
      notFound(
        res,
        `No tenant has the ${vendor} id "${tenantSegment}". Tenants are created with POST ${CONTROL_PREFIX}tenants; the demo tenant's URLs are at GET ${CONTROL_PREFIX}tenants/demo.`,
      );
      return;
    }
    const basePath = `/${vendor}/${tenantSegment}`;
    const { saml, oidc } = VENDOR_PERSONAS[vendor];
    if (personas.includes(saml.id)) {
      const route = samlRouteOf(samlPaths(saml, tenant.ids), path);
      if (route) {
        tenant.log({ persona: saml.id, method: req.method ?? 'GET', path, kind: `saml.${route}` });
        // Metadata needs the signing certificate, not the SSO engine and its libraries (metadata.ts).
        if (route === 'metadata') {
          await tenant.ensureSigningKeys(saml.id);
          serveIdpMetadata(req, res, saml, tenant, origin);
          return;
        }
        const engine = await engineFor(tenant, saml, basePath);
        await engine?.handle(req, res);
        return;
      }
    }
    const issuerPath = fillTemplate(oidc.issuerPathTemplate, tenant.ids).replace(/\/$/, '');
    // Under the issuer path, or (Entra) a published endpoint beside it, which the engine serves at its place under the issuer.
    const forOidc = path === issuerPath || path.startsWith(`${issuerPath}/`) || engineEndpointPath(oidc, issuerPath, path) !== undefined;
    if (personas.includes(oidc.id) && forOidc) {
      // Until the persona's engine exists, plain discovery is answered without loading it (discovery.ts).
      if (
        path === issuerPath + DISCOVERY_PATH &&
        !engines.has(engineKey(tenant, oidc)) &&
        isPlainDiscoveryRequest(req, tenant.faults.length)
      ) {
        tenant.log({ persona: oidc.id, method: 'GET', path, kind: 'oidc.discovery' });
        serveDiscovery(res, oidc, oidcUrls(oidc, tenant.ids, origin).issuer);
        return;
      }
      const engine = await engineFor(tenant, oidc, basePath);
      tenant.log({ persona: oidc.id, method: req.method ?? 'GET', path, kind: engine?.kindOf?.(path) ?? 'oidc' });
      if (!engine) {
        sendText(
          res,
          501,
          `The ${oidc.displayName} persona is not available in this build of the harness (mock-idps/oidc/engine.ts is missing).`,
        );
        return;
      }
      await engine.handle(req, res);
      return;
    }
    const served = personas.filter((id) => PERSONAS[id].vendor === vendor).join(', ') || 'none';
    notFound(
      res,
      `${path} is not an endpoint of the ${vendor} personas served here (${served}). See GET ${CONTROL_PREFIX}tenants/${tenant.key} for this tenant's URLs.`,
    );
  }

  origin = await listenOnLoopback(server, options.port ?? 0, 'The mock IdP server');
  if (options.warmUp ?? true) warmUp = startWarmUp(demo, personas);
  return {
    url: origin,
    controlUrl: `${origin}${CONTROL_PREFIX.slice(0, -1)}`,
    tenants,
    personas,
    async close() {
      warmUp?.cancel();
      await Promise.all([...engines.values()].map(async (engine) => (await engine)?.close()));
      engines.clear();
      await closeServer(server);
    },
  };
}

/** The engines load once the server has had no request for this long (never while a client waits). */
const IDLE_BEFORE_ENGINE_LOAD_MS = 1000;

interface WarmUp {
  /** Note a request until it is answered (the engines wait for a quiet moment). */
  track(res: ServerResponse): void;
  cancel(): void;
}

/**
 * Background work that only moves cost off the first requests: the demo tenant's SAML keys at
 * once (libuv's thread pool, from the machine cache when it has them), then — when the server is
 * idle — the protocol engines and the demo tenant's OIDC keys, and the compile cache is saved.
 * Failures are left for the request that needs the thing to meet (and report) again.
 */
function startWarmUp(demo: TenantState, personas: readonly PersonaId[]): WarmUp {
  const saml = personas.filter((id) => PERSONAS[id].protocol === 'saml');
  const oidc = personas.filter((id) => PERSONAS[id].protocol === 'oidc');
  const ignore = (): undefined => undefined;
  if (saml.length > 0) demo.prepareSigningKeys(saml).catch(ignore);
  let lastActivity = performance.now();
  let inFlight = 0;
  let timer: NodeJS.Timeout | undefined;
  const check = (): void => {
    const quietFor = performance.now() - lastActivity;
    if (inFlight > 0 || quietFor < IDLE_BEFORE_ENGINE_LOAD_MS) {
      timer = setTimeout(check, Math.max(IDLE_BEFORE_ENGINE_LOAD_MS - quietFor, 10)).unref();
      return;
    }
    timer = undefined;
    if (oidc.length > 0) demo.prepareSigningKeys(oidc).catch(ignore);
    const engines = [...(saml.length > 0 ? [loadSamlEngineFactory()] : []), ...(oidc.length > 0 ? [loadOidcEngineFactory()] : [])];
    void Promise.allSettled(engines).then(persistCompileCache);
  };
  timer = setTimeout(check, IDLE_BEFORE_ENGINE_LOAD_MS).unref();
  return {
    track(res) {
      inFlight++;
      lastActivity = performance.now();
      res.once('close', () => {
        inFlight--;
        lastActivity = performance.now();
      });
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}

function sendText(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(`${message}\n`);
}

function notFound(res: ServerResponse, message: string): void {
  sendText(res, 404, message);
}

function internalError(res: ServerResponse, error: unknown): void {
  // A bug in the harness, not bad input: say so plainly; the stack goes to the server's stderr only.
  process.stderr.write(`mock IdP internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  sendText(res, 500, 'The mock IdP hit an internal error (a harness bug, not your configuration). The details are on the server console.');
}
