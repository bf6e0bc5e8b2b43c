import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedPortal } from '../driverEmbedded.ts';
import { startTestPortal } from '../testing/testPortal.ts';
import { parseAccountRequest } from './routes.ts';

let target: EmbeddedPortal;

beforeAll(async () => {
  target = await startTestPortal();
});

afterAll(async () => {
  await target.close();
});

function call(path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${init.token ?? target.harnessToken}`);
  if (init.body) headers.set('content-type', 'application/json');
  return fetch(`${target.url}${path}`, { ...init, headers });
}

describe('harness provisioning API', () => {
  it('refuses requests without the Bearer token', async () => {
    for (const token of ['', 'wrong-token-wrong-token']) {
      const response = await call('/_harness/health', { token });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'unauthorized', message: 'The harness API needs "Authorization: Bearer <harness token>" (the token the portal was started with).' });
    }
  });

  it('reports health with the defect switches', async () => {
    expect(await (await call('/_harness/health')).json()).toEqual({ ok: true, url: target.url, defects: [] });
  });

  it('creates a fresh account with seats and passwords, and reports its state', async () => {
    const response = await call('/_harness/accounts', { method: 'POST', body: JSON.stringify({ name: 'Fresh', seats: [{ name: 'Ada', email: 'ada@fresh.example', role: 'admin', password: 'pw-123456' }, { name: 'Dup', email: 'ADA@fresh.example', role: 'user' }] }) });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { accountId: number; ssoDomains: string[]; urls: { sp: { acsUrl: string } }; seats: unknown[] };
    expect(created.ssoDomains).toEqual(['fresh.example']);
    expect(created.urls.sp.acsUrl).toBe(`${target.url}/sso/${created.accountId}/saml/acs`);
    expect(created.seats).toHaveLength(2);
    const state = (await (await call(`/_harness/accounts/${created.accountId}`)).json()) as { sso: unknown; seatSessions: number; auditEvents: { action: string }[] };
    expect(state.sso).toEqual({ enabled: false, version: null, protocol: null, currentVersionPassedTest: false });
    expect(state.seatSessions).toBe(0);
    expect(state.auditEvents.map((e) => e.action)).toEqual(['account.created']);
  });

  it.each([
    ['not JSON', '{', 400, 'The request body could not be read'],
    ['no seats', '{"name":"x","seats":[]}', 400, '"seats" must be a non-empty array'],
  ])('answers %s with a clear 400', async (_case, body, status, message) => {
    const response = await call('/_harness/accounts', { method: 'POST', body });
    expect(response.status).toBe(status);
    expect(((await response.json()) as { message: string }).message).toContain(message);
  });
});

describe('parseAccountRequest', () => {
  it.each([
    [null, 'Send a JSON object'],
    [{ seats: [{ name: 'A', email: 'a@x', role: 'owner' }] }, 'seats[0].role must be "admin" or "user".'],
    [{ seats: [{ name: 'A', email: 'a@x', role: 'user', disabled: 'yes' }] }, 'seats[0].disabled, when given, must be true or false.'],
    [{ seats: [{ name: 'A', email: 'a@x', role: 'user' }], ssoDomains: 'x.example' }, '"ssoDomains", when given, must be an array of strings.'],
  ])('refuses %j', (body, message) => {
    const parsed = parseAccountRequest(body);
    expect(parsed.ok ? '' : parsed.message).toContain(message);
  });
});
