// The control API under /_control/: what a test (or a person with curl) does to the IdPs —
// create a tenant, register the SP's app, switch faults on (optionally once), shift the clock,
// rotate or expire keys, edit users, read the request log, reset. Bad input gets a 4xx JSON
// `{ error, message, validChoices? }`; the IdPs keep serving.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TestKeyPair } from '../../lib/index.ts';
import { publicUser } from '../directory.ts';
import { BodyError, readBody, sendJson } from '../http.ts';
import { isPersonaId, PERSONAS, VENDOR_PERSONAS } from '../personas/index.ts';
import type { ServerContext } from '../serverContract.ts';
import { isTenantJwksChange, TENANT_JWKS_CHANGES } from '../oidc/jwksChanges.ts';
import { TenantError, type TenantState } from '../tenants.ts';
import { allPersonaUrls } from '../urls.ts';
import type { PersonaId } from '../types.ts';
import {
  clockOffset,
  ControlError,
  loopbackRedirect,
  oidcRegistration,
  onlyKeys,
  optionalBoolean,
  optionalString,
  parseJsonBody,
  samlRegistration,
  userPatch,
  type Json,
} from './validate.ts';

type Handler = (call: ControlCall) => Promise<void> | void;

interface ControlCall {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly params: Readonly<Record<string, string>>;
  readonly server: ServerContext;
  body(): Promise<Json>;
}

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  readonly template: string;
  readonly summary: string;
  readonly handler: Handler;
}

const routes: Route[] = [];
function route(method: string, template: string, summary: string, handler: Handler): void {
  const names: string[] = [];
  const pattern = new RegExp(
    `^${template.replace(/:(\w+)/g, (_m, name: string) => {
      names.push(name);
      return '([^/]+)';
    })}/?$`,
  );
  routes.push({ method, pattern, names, template, summary, handler });
}

// --- views ---------------------------------------------------------------------------------------
function certificateView(pair: TestKeyPair | undefined): Json | undefined {
  if (!pair) return undefined;
  // Never the private key.
  return {
    certificatePem: pair.certificatePem,
    fingerprint256: pair.fingerprint256,
    notBefore: pair.notBefore.toISOString(),
    notAfter: pair.notAfter.toISOString(),
  };
}

function appsView(tenant: TenantState): Json {
  return Object.fromEntries(
    [...tenant.apps.entries()].map(([persona, app]) => [
      persona,
      {
        ...(app.saml ? { saml: app.saml } : {}),
        // The secret is shown only in the registration response, never in listings.
        ...(app.oidc
          ? {
              oidc: {
                clientId: app.oidc.clientId,
                redirectUris: app.oidc.redirectUris,
                tokenEndpointAuthMethod: app.oidc.tokenEndpointAuthMethod ?? 'client_secret_basic',
                clientSecretSet: true,
              },
            }
          : {}),
      },
    ]),
  );
}

export function tenantView(tenant: TenantState, server: ServerContext): Json {
  return {
    key: tenant.key,
    ids: tenant.ids,
    domain: tenant.directory.domain,
    clockOffsetSeconds: tenant.clockOffsetSeconds,
    personas: allPersonaUrls(tenant.ids, server.origin, server.personas),
    apps: appsView(tenant),
    faults: tenant.faults,
    users: tenant.directory.list().length,
  };
}

// --- lookups -------------------------------------------------------------------------------------
function tenantOf(call: ControlCall): TenantState {
  const key = call.params.key ?? '';
  const tenant = call.server.tenants.get(key);
  if (!tenant) {
    const known = call.server.tenants.list().map((t) => t.key);
    throw new ControlError(
      404,
      'unknown-tenant',
      `No tenant "${key}". Create it with POST /_control/tenants {"key": "${key}"}; existing tenants: ${known.join(', ') || '(none)'}.`,
      known,
    );
  }
  return tenant;
}

function personaOf(call: ControlCall, value = call.params.persona ?? ''): PersonaId {
  if (!isPersonaId(value) || !call.server.personas.includes(value)) {
    throw new ControlError(
      400,
      'unknown-persona',
      `"${value}" is not a persona served here. Valid personas: ${call.server.personas.join(', ')}.`,
      call.server.personas,
    );
  }
  return value;
}

function defaultOidcClient(tenant: TenantState, persona: PersonaId): { clientId: string; clientSecret: string } {
  const key = `${tenant.key}/${persona}`;
  const clientId = VENDOR_PERSONAS[PERSONAS[persona].vendor].oidc.clientIdFormat(key);
  return { clientId, clientSecret: randomBytes(30).toString('base64url') };
}

// --- routes --------------------------------------------------------------------------------------
route('GET', '', 'this index', ({ res }) => {
  sendJson(res, 200, { endpoints: routes.map((r) => `${r.method} /_control${r.template} — ${r.summary}`) });
});

route('GET', '/personas', 'the personas served (data)', ({ res, server }) => {
  sendJson(
    res,
    200,
    server.personas.map((id) => PERSONAS[id]),
  );
});

route('GET', '/faults', 'the fault catalog (?protocol=saml|oidc|seat)', async ({ res, url }) => {
  const { catalogAsData, FAULT_CATALOG } = await import('../faults/catalog.ts');
  const protocol = url.searchParams.get('protocol');
  sendJson(res, 200, catalogAsData(FAULT_CATALOG.filter((f) => !protocol || f.protocol === protocol)));
});

route('GET', '/tenants', 'list tenants', ({ res, server }) => {
  sendJson(
    res,
    200,
    server.tenants.list().map((t) => ({ key: t.key, domain: t.directory.domain })),
  );
});

route('POST', '/tenants', "create a tenant {key?, domain?} → its ids and every persona's URLs", async (call) => {
  const body = await call.body();
  onlyKeys(body, ['key', 'domain'], 'New tenant');
  const key = optionalString(body, 'key', 'New tenant');
  const domain = optionalString(body, 'domain', 'New tenant');
  if (domain && !/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(domain))
    throw new ControlError(400, 'invalid-field', `New tenant: "domain" must be a DNS domain like example.com, not "${domain}".`);
  try {
    const tenant = call.server.tenants.create({ ...(key ? { key } : {}), ...(domain ? { domain } : {}) });
    sendJson(call.res, 201, tenantView(tenant, call.server));
  } catch (error) {
    if (error instanceof TenantError) throw new ControlError(error.code === 'tenant-exists' ? 409 : 400, error.code, error.message);
    throw error;
  }
});

route('GET', '/tenants/:key', "a tenant's ids, URLs, apps, faults", (call) =>
  sendJson(call.res, 200, tenantView(tenantOf(call), call.server)),
);

route('DELETE', '/tenants/:key', 'delete a tenant', async (call) => {
  const tenant = tenantOf(call);
  call.server.tenants.delete(tenant.key);
  await call.server.dropEngines(tenant.key);
  sendJson(call.res, 204, null);
});

route('POST', '/tenants/:key/reset', 'reset the tenant to its initial state (users, apps, faults, clock, keys, log)', async (call) => {
  const tenant = tenantOf(call);
  tenant.reset();
  await call.server.dropEngines(tenant.key);
  sendJson(call.res, 200, tenantView(tenant, call.server));
});

route(
  'PUT',
  '/tenants/:key/apps/:persona',
  'register the SP app: SAML {entityId, acsUrls[]} | OIDC {redirectUris[], clientId?, clientSecret?, tokenEndpointAuthMethod?}',
  async (call) => {
    const tenant = tenantOf(call);
    const persona = personaOf(call);
    const body = await call.body();
    const registration =
      PERSONAS[persona].protocol === 'saml'
        ? { saml: samlRegistration(body) }
        : { oidc: oidcRegistration(body, defaultOidcClient(tenant, persona)) };
    // The one response that carries the client secret: the caller configures the SP with it.
    sendJson(call.res, 200, { persona, ...tenant.registerApp(persona, registration) });
  },
);

route('DELETE', '/tenants/:key/apps/:persona', 'remove the app registration', (call) => {
  const tenant = tenantOf(call);
  tenant.unregisterApp(personaOf(call));
  sendJson(call.res, 204, null);
});

route('GET', '/tenants/:key/faults', 'active faults', (call) => sendJson(call.res, 200, tenantOf(call).faults));

route('POST', '/tenants/:key/faults', 'use a fault {id, once?, persona?}', async (call) => {
  const tenant = tenantOf(call);
  const body = await call.body();
  onlyKeys(body, ['id', 'once', 'persona'], 'Fault');
  const { getFault, faultIds, isFaultId } = await import('../faults/catalog.ts');
  const id = optionalString(body, 'id', 'Fault');
  const fault = isFaultId(id) ? getFault(id) : undefined;
  if (!id || !fault) {
    const ids = faultIds().filter((f) => !f.startsWith('seat.'));
    throw new ControlError(
      400,
      'unknown-fault',
      `${id ? `"${id}" is not in the fault catalog` : '"id" is required'}. Valid fault ids: ${ids.join(', ')}.`,
      ids,
    );
  }
  if (fault.protocol === 'seat') {
    throw new ControlError(
      400,
      'fault-not-switchable',
      `${fault.id} is a seat fault: it is produced on the portal side (seat data) and with user edits (/_control/tenants/${tenant.key}/users), not switched on at the IdP. How: ${fault.how}`,
    );
  }
  const served = fault.personas.filter((p) => call.server.personas.includes(p));
  const persona =
    body.persona === undefined
      ? undefined
      : personaOf(call, typeof body.persona === 'string' ? body.persona : JSON.stringify(body.persona));
  if (persona && !fault.personas.includes(persona)) {
    throw new ControlError(
      400,
      'fault-not-for-persona',
      `${fault.id} does not apply to ${persona}. It applies to: ${fault.personas.join(', ')}.`,
      fault.personas,
    );
  }
  if (served.length === 0) {
    throw new ControlError(
      400,
      'fault-not-for-persona',
      `${fault.id} applies to ${fault.personas.join(', ')}, none of which this server serves (${call.server.personas.join(', ')}).`,
      fault.personas,
    );
  }
  tenant.useFault({ id: fault.id, once: optionalBoolean(body, 'once', 'Fault') ?? false, ...(persona ? { persona } : {}) });
  sendJson(call.res, 201, tenant.faults);
});

route('DELETE', '/tenants/:key/faults', 'reset faults (after each test)', (call) => {
  tenantOf(call).resetFaults();
  sendJson(call.res, 204, null);
});

route('PUT', '/tenants/:key/clock', 'shift the IdP clock {offsetSeconds}', async (call) => {
  const tenant = tenantOf(call);
  tenant.setClockOffset(clockOffset(await call.body()));
  sendJson(call.res, 200, { offsetSeconds: tenant.clockOffsetSeconds, now: tenant.now().toISOString() });
});

function keysView(tenant: TenantState, persona: PersonaId): Json {
  const ring = tenant.signingKeys(persona);
  return { persona, current: certificateView(ring.current), ...(ring.previous ? { previous: certificateView(ring.previous) } : {}) };
}

route('GET', '/tenants/:key/keys/:persona', 'signing certificates (current, previous)', async (call) => {
  const tenant = tenantOf(call);
  const persona = personaOf(call);
  await tenant.ensureSigningKeys(persona);
  sendJson(call.res, 200, keysView(tenant, persona));
});
route(
  'POST',
  '/tenants/:key/jwks/:change',
  'change every OIDC JWKS from now on, until reset: extra-rsa-key (another RSA key: an IdP rolling keys over) or signing-key-only (the signing key alone: an IdP with one key)',
  (call) => {
    const change = call.params.change ?? '';
    if (!isTenantJwksChange(change))
      throw new ControlError(400, 'unknown-jwks-change', `"${change}" is no JWKS change. Valid: ${TENANT_JWKS_CHANGES.join(', ')}.`, [
        ...TENANT_JWKS_CHANGES,
      ]);
    tenantOf(call).changeJwks(change);
    sendJson(call.res, 204, null);
  },
);
route(
  'POST',
  '/tenants/:key/saml/encryption-key',
  'list a certificate for encryption (KeyDescriptor use="encryption", the shared test attacker key) in every SAML metadata from now on, until reset',
  (call) => {
    tenantOf(call).publishSamlEncryptionKey();
    sendJson(call.res, 204, null);
  },
);
route(
  'PUT',
  '/tenants/:key/saml/metadata-redirect',
  'every SAML metadata URL answers 302 to {to} (a loopback URL) from now on, until reset',
  async (call) => {
    tenantOf(call).moveSamlMetadata(loopbackRedirect(await call.body(), 'Metadata redirect'));
    sendJson(call.res, 204, null);
  },
);
route(
  'PUT',
  '/tenants/:key/oidc/jwks-redirect',
  'every OIDC JWKS URL answers 302 to {to} (a loopback URL; asked on the host of {to}, it answers) from now on, until reset',
  async (call) => {
    tenantOf(call).moveOidcJwks(loopbackRedirect(await call.body(), 'JWKS redirect'));
    sendJson(call.res, 204, null);
  },
);
route('POST', '/tenants/:key/keys/:persona/rotate', 'rotate the signing key (old one kept as previous)', async (call) => {
  const tenant = tenantOf(call);
  const persona = personaOf(call);
  // Both keys off the event loop: other tenants' tests keep being served meanwhile.
  await Promise.all([tenant.ensureSigningKeys(persona), tenant.ensureNextSigningKey(persona)]);
  tenant.rotateSigningKey(persona);
  sendJson(call.res, 200, keysView(tenant, persona));
});
route('POST', '/tenants/:key/keys/:persona/expire', 'let the signing certificate expire (same key)', async (call) => {
  const tenant = tenantOf(call);
  const persona = personaOf(call);
  await tenant.ensureSigningKeys(persona);
  tenant.expireSigningKey(persona);
  sendJson(call.res, 200, keysView(tenant, persona));
});

route('GET', '/tenants/:key/users', 'directory users (no passwords)', (call) =>
  sendJson(call.res, 200, tenantOf(call).directory.list().map(publicUser)),
);
route('POST', '/tenants/:key/users', 'add a user {email, …}', async (call) => {
  const tenant = tenantOf(call);
  const patch = userPatch(await call.body(), true);
  if (tenant.directory.findByLogin(patch.email!))
    throw new ControlError(409, 'user-exists', `A user with email ${patch.email} already exists; PATCH it instead.`);
  const user = tenant.directory.add({ ...patch, email: patch.email! });
  tenant.notifyDirectoryChanged();
  sendJson(call.res, 201, publicUser(user));
});

function userIdOf(call: ControlCall, tenant: TenantState): string {
  const id = call.params.id ?? '';
  if (!tenant.directory.byId(id)) {
    const ids = tenant.directory.list().map((u) => u.id);
    throw new ControlError(404, 'unknown-user', `No user "${id}" in tenant ${tenant.key}. Users: ${ids.join(', ')}.`, ids);
  }
  return id;
}

route('PATCH', '/tenants/:key/users/:id', 'edit a user (email, upn, assigned, disabled, …)', async (call) => {
  const tenant = tenantOf(call);
  const id = userIdOf(call, tenant);
  const user = tenant.directory.update(id, userPatch(await call.body(), false))!;
  tenant.notifyDirectoryChanged();
  sendJson(call.res, 200, publicUser(user));
});
route('DELETE', '/tenants/:key/users/:id', 'remove a user', (call) => {
  const tenant = tenantOf(call);
  tenant.directory.remove(userIdOf(call, tenant));
  tenant.notifyDirectoryChanged();
  sendJson(call.res, 204, null);
});

route('GET', '/tenants/:key/requests/mark', 'the current end of the request log: pass it as ?after= later', (call) => {
  sendJson(call.res, 200, { mark: tenantOf(call).requestLogMark });
});

route('GET', '/tenants/:key/requests', 'request log (?after=mark&since=ISO&persona=&kind=prefix)', (call) => {
  const tenant = tenantOf(call);
  const since = call.url.searchParams.get('since');
  const sinceMs = since ? Date.parse(since) : undefined;
  if (since && Number.isNaN(sinceMs))
    throw new ControlError(400, 'invalid-field', `"since" must be an ISO date-time like 2026-01-01T00:00:00.000Z, not "${since}".`);
  const afterParam = call.url.searchParams.get('after');
  const after = afterParam === null ? undefined : Number(afterParam);
  if (after !== undefined && !Number.isInteger(after))
    throw new ControlError(400, 'invalid-field', `"after" must be a mark from GET …/requests/mark (an integer), not "${afterParam}".`);
  const persona = call.url.searchParams.get('persona');
  if (persona) personaOf(call, persona);
  const kind = call.url.searchParams.get('kind');
  sendJson(
    call.res,
    200,
    tenant.requestLog.filter(
      (e) =>
        (after === undefined || e.seq > after) &&
        (sinceMs === undefined || Date.parse(e.at) >= sinceMs) &&
        (!persona || e.persona === persona) &&
        (!kind || e.kind.startsWith(kind)),
    ),
  );
});
route('DELETE', '/tenants/:key/requests', 'clear the request log', (call) => {
  tenantOf(call).clearRequestLog();
  sendJson(call.res, 204, null);
});

// --- dispatch ------------------------------------------------------------------------------------
export async function handleControlRequest(req: IncomingMessage, res: ServerResponse, url: URL, server: ServerContext): Promise<void> {
  const path = url.pathname.replace(/^\/_control/, '').replace(/\/$/, '');
  const method = req.method ?? 'GET';
  const matching = routes.filter((r) => r.pattern.test(path));
  try {
    const found = matching.find((r) => r.method === method);
    if (!found) {
      if (matching.length > 0) {
        const allowed = matching.map((r) => r.method);
        throw new ControlError(
          405,
          'method-not-allowed',
          `${method} is not supported on /_control${path}; use ${allowed.join(' or ')}.`,
          allowed,
        );
      }
      const endpoints = routes.map((r) => `${r.method} /_control${r.template}`);
      throw new ControlError(
        404,
        'unknown-endpoint',
        `No control endpoint ${method} /_control${path}. See GET /_control/ for the list.`,
        endpoints,
      );
    }
    const match = found.pattern.exec(path)!;
    const params = Object.fromEntries(found.names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]));
    await found.handler({ req, res, url, params, server, body: async () => parseJsonBody(await readBody(req, 256 * 1024)) });
  } catch (error) {
    if (error instanceof ControlError) {
      sendJson(res, error.status, {
        error: error.error,
        message: error.message,
        ...(error.validChoices ? { validChoices: error.validChoices } : {}),
      });
      return;
    }
    if (error instanceof BodyError) {
      sendJson(res, error.status, { error: 'body-too-large', message: error.message });
      return;
    }
    throw error;
  }
}
