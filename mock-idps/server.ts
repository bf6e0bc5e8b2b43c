// One HTTP server on 127.0.0.1 hosting every persona of every tenant. Paths are vendor-shaped
// and tenant-scoped (`/entra/{tid}/saml2`, `/okta/{org}/oauth2/default`, …); `/_control/` is the
// reserved prefix of the control API. Engines are created per tenant and persona on first use,
// so a cold start does no key generation and loads no protocol library.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback } from '../lib/net.ts';
import { handleControlRequest } from './control/api.ts';
import { loadOidcEngineFactory, loadSamlEngineFactory, type PersonaEngine } from './engines.ts';
import { PERSONAS, VENDOR_PERSONAS } from './personas/index.ts';
import { samlPaths, samlRouteOf } from './saml/routes.ts';
import { fillTemplate } from './tenantIds.ts';
import { TenantRegistry, type PersonaContext, type TenantState } from './tenants.ts';
import { PERSONA_IDS, VENDORS, type OidcPersona, type PersonaId, type SamlPersona, type Vendor } from './types.ts';

export const CONTROL_PREFIX = '/_control/';
export const DEMO_TENANT_KEY = 'demo';

export interface IdpServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Personas to serve (default: all eight). */
  personas?: PersonaId[];
}

export interface IdpServer {
  /** Origin, e.g. `http://127.0.0.1:4100` (no trailing slash). */
  readonly url: string;
  readonly controlUrl: string;
  readonly tenants: TenantRegistry;
  readonly personas: readonly PersonaId[];
  close(): Promise<void>;
}

/** What the control API needs from the server. */
export interface ServerContext {
  readonly origin: string;
  readonly tenants: TenantRegistry;
  readonly personas: readonly PersonaId[];
  /** Close and forget the engines of a tenant (on delete or reset). */
  dropEngines(tenantKey: string): Promise<void>;
}

export async function startIdpServer(options: IdpServerOptions = {}): Promise<IdpServer> {
  const personas = options.personas ?? [...PERSONA_IDS];
  const tenants = new TenantRegistry();
  tenants.create({ key: DEMO_TENANT_KEY });
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

  const engineFor = (tenant: TenantState, persona: SamlPersona | OidcPersona, basePath: string): Promise<PersonaEngine | undefined> => {
    const key = `${tenant.key}/${persona.id}`;
    let engine = engines.get(key);
    if (!engine) {
      const ctx: PersonaContext = { tenant, persona, origin, basePath };
      engine = persona.protocol === 'saml'
        ? loadSamlEngineFactory().then((factory) => factory({ ...ctx, persona }))
        : loadOidcEngineFactory().then((factory) => factory?.({ ...ctx, persona }));
      engines.set(key, engine);
    }
    return engine;
  };

  const server = createServer((req, res) => {
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
      notFound(res, `No mock IdP lives at ${path}. Persona paths start with /entra/, /okta/, /google/ or /auth0/ followed by the tenant's vendor id; ask the control API (GET ${CONTROL_PREFIX}tenants/demo) for a tenant's URLs.`);
      return;
    }
    const vendor = vendorSegment as Vendor;
    const tenant = tenants.byVendorPathId(vendor, tenantSegment);
    if (!tenant) {
      notFound(res, `No tenant has the ${vendor} id "${tenantSegment}". Tenants are created with POST ${CONTROL_PREFIX}tenants; the demo tenant's URLs are at GET ${CONTROL_PREFIX}tenants/demo.`);
      return;
    }
    const basePath = `/${vendor}/${tenantSegment}`;
    const { saml, oidc } = VENDOR_PERSONAS[vendor];
    if (personas.includes(saml.id)) {
      const route = samlRouteOf(samlPaths(saml, tenant.ids), path);
      if (route) {
        tenant.log({ persona: saml.id, method: req.method ?? 'GET', path, kind: `saml.${route}` });
        const engine = await engineFor(tenant, saml, basePath);
        await engine?.handle(req, res);
        return;
      }
    }
    const issuerPath = fillTemplate(oidc.issuerPathTemplate, tenant.ids).replace(/\/$/, '');
    if (personas.includes(oidc.id) && (path === issuerPath || path.startsWith(`${issuerPath}/`))) {
      const engine = await engineFor(tenant, oidc, basePath);
      tenant.log({ persona: oidc.id, method: req.method ?? 'GET', path, kind: engine?.kindOf?.(path) ?? 'oidc' });
      if (!engine) {
        sendText(res, 501, `The ${oidc.displayName} persona is not available in this build of the harness (mock-idps/oidc/engine.ts is missing).`);
        return;
      }
      await engine.handle(req, res);
      return;
    }
    const served = personas.filter((id) => PERSONAS[id].vendor === vendor).join(', ') || 'none';
    notFound(res, `${path} is not an endpoint of the ${vendor} personas served here (${served}). See GET ${CONTROL_PREFIX}tenants/${tenant.key} for this tenant's URLs.`);
  }

  origin = await listenOnLoopback(server, options.port ?? 0, 'The mock IdP server');
  return {
    url: origin,
    controlUrl: `${origin}${CONTROL_PREFIX.slice(0, -1)}`,
    tenants,
    personas,
    async close() {
      await Promise.all([...engines.values()].map(async (engine) => (await engine)?.close()));
      engines.clear();
      await closeServer(server);
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
