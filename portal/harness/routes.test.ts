import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HARNESS_CONTRACT_VERSION, type AccountState, type ProvisionedAccount } from '../../lib/index.ts';
import type { EmbeddedPortal } from '../driverEmbedded.ts';
import { TestBrowser } from '../testing/testBrowser.ts';
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
      expect(await response.json()).toEqual({
        error: 'unauthorized',
        message: 'The harness API needs "Authorization: Bearer <harness token>" (the token the portal was started with).',
      });
    }
  });

  it('reports health: the contract version, the skin and the defect switches', async () => {
    expect(await (await call('/_harness/health')).json()).toEqual({
      ok: true,
      contract: HARNESS_CONTRACT_VERSION,
      url: target.url,
      skin: 'reference',
      defects: [],
    });
    expect(HARNESS_CONTRACT_VERSION).toBe(2);
  });

  it('tells where every page and endpoint of the account is, and the native apps (contract 2)', async () => {
    const response = await call('/_harness/accounts', {
      method: 'POST',
      body: JSON.stringify({ name: 'Urls', seats: [{ name: 'Ada', email: 'ada@urls.example', role: 'admin' }] }),
    });
    const created = (await response.json()) as ProvisionedAccount;
    const base = target.url;
    const id = created.accountId;
    expect(created.urls).toEqual({
      portal: `${base}/home`,
      login: `${base}/login`,
      passwordLogin: `${base}/login/password?email={email}`,
      accountParameters: `${base}/account`,
      auditLog: `${base}/account/audit-log`,
      seats: `${base}/account/seats`,
      support: `${base}/support`,
      supportAccount: `${base}/support/accounts/${id}`,
      sp: {
        entityId: `${base}/sso/${id}/saml/metadata`,
        acsUrl: `${base}/sso/${id}/saml/acs`,
        metadataUrl: `${base}/sso/${id}/saml/metadata`,
        signOnUrl: `${base}/sso/${id}/start`,
        oidcRedirectUri: `${base}/sso/${id}/oidc/callback`,
      },
      native: { authorize: `${base}/oauth/authorize`, token: `${base}/oauth/token`, userinfo: `${base}/api/me` },
    });
    expect(created.nativeClients).toEqual({
      desktop: { clientId: 'oe-desktop' },
      mobile: { clientId: 'oe-mobile', redirectUri: 'com.ooma.enterprise:/oauth2redirect' },
    });
  });

  it("lists the live web sessions of the account's seats with how they were opened", async () => {
    const created = (await (
      await call('/_harness/accounts', {
        method: 'POST',
        body: JSON.stringify({
          name: 'Sessions',
          seats: [
            { name: 'Ada', email: 'ada@sessions.example', role: 'admin', password: 'ada-password-1' },
            { name: 'Uma', email: 'uma@sessions.example', role: 'user', password: 'uma-password-1' },
          ],
        }),
      })
    ).json()) as ProvisionedAccount;
    const state = async (): Promise<AccountState> => (await (await call(`/_harness/accounts/${created.accountId}`)).json()) as AccountState;
    expect(await state()).toMatchObject({ seatSessions: 0, sessions: [] });
    const ada = new TestBrowser(target.url);
    await ada.submit('/login/password', '/login/password', {
      email: 'ada@sessions.example',
      password: 'ada-password-1',
      account: String(created.accountId),
    });
    const uma = new TestBrowser(target.url);
    await uma.submit('/login/password', '/login/password', {
      email: 'uma@sessions.example',
      password: 'uma-password-1',
      account: String(created.accountId),
    });
    const both = await state();
    expect(both.seatSessions).toBe(2);
    expect([...both.sessions].sort((a, b) => a.email.localeCompare(b.email))).toEqual([
      { email: 'ada@sessions.example', method: 'password' },
      { email: 'uma@sessions.example', method: 'password' },
    ]);
    await ada.submit('/home', '/logout', {});
    expect(await state()).toMatchObject({ seatSessions: 1, sessions: [{ email: 'uma@sessions.example', method: 'password' }] });
  });

  it('creates a fresh account with seats and passwords, and reports its state', async () => {
    const response = await call('/_harness/accounts', {
      method: 'POST',
      body: JSON.stringify({
        name: 'Fresh',
        seats: [
          { name: 'Ada', email: 'ada@fresh.example', role: 'admin', password: 'pw-123456' },
          { name: 'Dup', email: 'ADA@fresh.example', role: 'user' },
        ],
      }),
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as {
      accountId: number;
      ssoDomains: string[];
      urls: { sp: { acsUrl: string } };
      seats: unknown[];
    };
    expect(created.ssoDomains).toEqual(['fresh.example']);
    expect(created.urls.sp.acsUrl).toBe(`${target.url}/sso/${created.accountId}/saml/acs`);
    expect(created.seats).toHaveLength(2);
    const state = (await (await call(`/_harness/accounts/${created.accountId}`)).json()) as {
      sso: unknown;
      seatSessions: number;
      sessions: unknown[];
      auditEvents: { action: string }[];
    };
    expect(state.sso).toEqual({ enabled: false, version: null, protocol: null, currentVersionPassedTest: false });
    expect(state.seatSessions).toBe(0);
    expect(state.sessions).toEqual([]);
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
    [
      { seats: [{ name: 'A', email: 'a@x', role: 'user' }], ssoDomains: 'x.example' },
      '"ssoDomains", when given, must be an array of strings.',
    ],
  ])('refuses %j', (body, message) => {
    const parsed = parseAccountRequest(body);
    expect(parsed.ok ? '' : parsed.message).toContain(message);
  });
});

describe('harness provisioning API of a foreign-skin portal', () => {
  it("answers the same contract with the foreign portal's own URLs, native clients and audit words", async () => {
    const foreign = await startTestPortal({ skin: 'foreign' });
    try {
      const post = await fetch(`${foreign.url}/_harness/accounts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${foreign.harnessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Elsewhere', seats: [{ name: 'Ada', email: 'ada@elsewhere.example', role: 'admin' }] }),
      });
      const created = (await post.json()) as ProvisionedAccount;
      const base = foreign.url;
      expect(created.urls).toMatchObject({
        portal: `${base}/dashboard`,
        login: `${base}/signin`,
        passwordLogin: `${base}/signin/secret?login_hint={email}`,
        supportAccount: `${base}/staff/orgs/${created.accountId}`,
        native: { token: `${base}/connect/token`, userinfo: `${base}/connect/userinfo` },
      });
      expect(created.urls.sp.acsUrl).toBe(`${base}/saml2/${created.accountId}/consume`);
      expect(created.nativeClients).toEqual({
        desktop: { clientId: 'ooma-desktop-app' },
        mobile: { clientId: 'ooma-mobile-app', redirectUri: 'com.ooma.oe.app:/signin-callback' },
      });
      const state = (await (
        await fetch(`${base}/_harness/accounts/${created.accountId}`, { headers: { authorization: `Bearer ${foreign.harnessToken}` } })
      ).json()) as AccountState;
      expect(state.auditEvents.map((event) => [event.action, event.actor.kind])).toEqual([['ORG_PROVISIONED', 'harness']]);
      expect(state.sessions).toEqual([]);
    } finally {
      await foreign.close();
    }
  });
});
