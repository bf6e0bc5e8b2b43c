// The remote-target preflight against a reference portal started in-process as a stand-in for an
// OE test environment: each wrong setting stops at its own check, the message names that setting
// and the target file, and no password or token ever appears in a message.
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listenOnLoopback } from '../../lib/net.ts';
import { generateTestKeyPair } from '../../lib/x509.ts';
import { startEmbeddedPortal, type EmbeddedPortal } from '../../portal/driverEmbedded.ts';
import { PreflightError, runPreflight } from './preflight.ts';
import { checkBaseUrl, describeFetchFailure } from './preflightHttp.ts';
import type { RemoteTargetConfig } from './targetConfig.ts';

const ADMIN_PASSWORD = 'admin-Secret-7f3c-TEST';
const SUPPORT_PASSWORD = 'support-Secret-91ab-TEST';
const SSO_ADMIN_PASSWORD = 'sso-admin-Secret-c0de-TEST';
let portal: EmbeddedPortal;
let good: RemoteTargetConfig;

beforeAll(async () => {
  portal = await startEmbeddedPortal({ log: () => undefined });
  await portal.createAccount({ name: 'Preflight', seats: [{ name: 'Ada Admin', email: 'ada@preflight.example', role: 'admin', password: ADMIN_PASSWORD }] });
  await portal.createSupportStaff({ name: 'Sam Support', email: 'sam@ooma.example', password: SUPPORT_PASSWORD });
  // An account that requires SSO: its admin's password cannot be checked.
  const sso = await portal.createAccount({ name: 'SSO on', seats: [{ name: 'Sia Admin', email: 'sia@sso-on.example', role: 'admin', password: SSO_ADMIN_PASSWORD }] });
  const enabled = await fetch(`${portal.url}/_harness/accounts/${sso.accountId}/sso`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${portal.harnessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      protocol: 'saml', vendor: 'okta', metadataSource: 'manual', idpEntityId: 'http://www.okta.com/exk1preflight',
      // Port 1: Chromium refuses it, so the "IdP" is never contacted; the preflight only sees the browser leave.
      idpSsoUrl: 'http://127.0.0.1:1/app/oe/sso/saml', idpCertificate: generateTestKeyPair({ commonName: 'preflight TEST ONLY' }).certificatePem,
      requireSignedResponse: true, requireSignedAssertion: true, enabled: true,
    }),
  });
  expect(enabled.status).toBe(200);
  good = {
    kind: 'remote', file: '/tmp/oe-preflight/target.json', name: 'stand-in OE', baseUrl: portal.url,
    admin: { email: 'ada@preflight.example', password: ADMIN_PASSWORD },
    support: { email: 'sam@ooma.example', password: SUPPORT_PASSWORD },
    provisioning: { url: portal.url, token: portal.harnessToken },
    selectors: {},
  };
});

afterAll(async () => {
  await portal.close();
});

/** A loopback port nobody listens on (taken and released). */
async function freePort(): Promise<number> {
  const server = createHttpServer();
  const url = await listenOnLoopback(server, 0, 'free port probe');
  await closeServer(server);
  return Number(new URL(url).port);
}

async function preflightFailure(config: RemoteTargetConfig): Promise<PreflightError> {
  const error = await runPreflight(config).then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(PreflightError);
  const failure = error as PreflightError;
  expect(failure.message).toContain(config.file);
  for (const secret of [ADMIN_PASSWORD, SUPPORT_PASSWORD, SSO_ADMIN_PASSWORD, portal.harnessToken, config.provisioning?.token ?? ADMIN_PASSWORD, config.admin.password, config.support.password]) {
    expect(failure.message).not.toContain(secret);
  }
  return failure;
}

describe('runPreflight against a stand-in OE (the reference portal)', () => {
  it('passes a correct target file, reporting each check', async () => {
    const lines: string[] = [];
    await runPreflight(good, { log: (line) => lines.push(line) });
    expect(lines).toEqual([
      `preflight: ${portal.url}/login answers with an HTML page`,
      `preflight: the provisioning API at ${portal.url} accepts the token`,
      'preflight: login page and IdP and SSO section selectors found; admin and support logins work',
    ]);
  });

  it('does nothing for the embedded target', async () => {
    await expect(runPreflight({ kind: 'embedded', defects: [] })).resolves.toBeUndefined();
  });

  it.each<[string, () => Promise<Partial<RemoteTargetConfig>>, string, RegExp]>([
    ['a port nobody listens on', async () => ({ baseUrl: `http://127.0.0.1:${await freePort()}` }), 'baseUrl', /connection refused, nothing listens on 127\.0\.0\.1:\d+\..*must run on this machine/s],
    ['a host outside this machine', () => Promise.resolve({ baseUrl: 'http://10.255.255.1:8080' }), 'baseUrl', /10\.255\.255\.1 resolves to 10\.255\.255\.1, which is not a loopback address/],
    ['a baseUrl that is not the login page', () => Promise.resolve({ baseUrl: `${portal.url}/nowhere` }), 'baseUrl', /GET .*\/nowhere\/login answered 404/],
    ['no provisioning setting', () => Promise.resolve({ provisioning: undefined }), 'provisioning', /has no "provisioning" setting.*fresh OE account/s],
    ['a wrong provisioning token', () => Promise.resolve({ provisioning: { url: portal.url, token: 'wrong-token-0123456789' } }), 'provisioning.token', /_harness\/health answered 401: the provisioning API refused the token/],
    ['a provisioning url without the API', () => Promise.resolve({ provisioning: { url: `${portal.url}/elsewhere`, token: portal.harnessToken } }), 'provisioning.url', /answered 404: this OE build has no provisioning API at .*\/elsewhere/],
    ['an unknown selector name', () => Promise.resolve({ selectors: { emailField: 'Email' } }), 'selectors', /unknown names: emailField/],
    ['an email label that matches nothing', () => Promise.resolve({ selectors: { emailLabel: 'Work email' } }), 'selectors.emailLabel', /has no field named like selectors\.emailLabel = "Work email"\. Field labels it shows: "Email"\./],
    ['a continue button name that matches nothing', () => Promise.resolve({ selectors: { continueButton: 'Next' } }), 'selectors.continueButton', /no button named like selectors\.continueButton = "Next"\. Button names it shows: .*"Continue"/],
    ['a save button name that matches nothing in the IdP and SSO section', () => Promise.resolve({ selectors: { saveSso: 'Save' } }), 'selectors.saveSso', /Account parameters → IdP and SSO \(.*\/account\) has no button named like selectors\.saveSso = "Save"\. Button names it shows: .*"Save SSO configuration"/],
    ['an issuer label that matches nothing in the IdP and SSO section', () => Promise.resolve({ selectors: { issuer: 'Issuer' } }), 'selectors.issuer', /has no field named like selectors\.issuer = "Issuer"\. Field labels it shows: .*"Issuer URL"/],
    ['a wrong admin password', () => Promise.resolve({ admin: { email: 'ada@preflight.example', password: 'not-the-password-1' } }), 'admin.password', /refused the password login of ada@preflight\.example: "The email or password is wrong/],
    ['an admin whose account requires SSO', () => Promise.resolve({ admin: { email: 'sia@sso-on.example', password: SSO_ADMIN_PASSWORD } }), 'admin.email', /sent the browser to http:\/\/127\.0\.0\.1:1 \(single sign-on\)/],
    ['a wrong support password', () => Promise.resolve({ support: { email: 'sam@ooma.example', password: 'not-the-password-2' } }), 'support.password', /refused the login of sam@ooma\.example: "The support email or password is wrong\."/],
  ])('stops at %s, naming the setting', async (_case, change, setting, seen) => {
    const failure = await preflightFailure({ ...good, ...(await change()) });
    expect(failure.setting).toBe(setting);
    expect(failure.message).toContain(`  Setting: ${setting}\n`);
    expect(failure.message).toMatch(seen);
  });

  it('never prints a secret, even one the page echoes', async () => {
    // A "wrong" password that is also the token: the message may quote the page, never the secret.
    const failure = await preflightFailure({ ...good, admin: { email: portal.harnessToken, password: portal.harnessToken } });
    expect(failure.message).toContain('[secret]');
  });
});

describe('checkBaseUrl on servers that misbehave', () => {
  let silent: Server;
  let silentUrl: string;
  let json: ReturnType<typeof createHttpServer>;
  let jsonUrl: string;

  beforeAll(async () => {
    silent = createTcpServer(() => undefined);
    silentUrl = await listenOnLoopback(silent as unknown as Parameters<typeof listenOnLoopback>[0], 0, 'silent server');
    json = createHttpServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    jsonUrl = await listenOnLoopback(json, 0, 'json server');
  });

  afterAll(async () => {
    silent.close();
    await closeServer(json);
  });

  it('words a server that never answers', async () => {
    const error = await checkBaseUrl({ ...good, baseUrl: silentUrl }, 200).catch((caught: unknown) => caught);
    expect((error as PreflightError).setting).toBe('baseUrl');
    expect((error as Error).message).toMatch(/got no answer within 0\.2 s/);
  });

  it('words a login page that is not HTML', async () => {
    const error = await checkBaseUrl({ ...good, baseUrl: jsonUrl }).catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(/answered 200 with content-type application\/json, not an HTML login page/);
  });
});

describe('describeFetchFailure', () => {
  const url = 'http://oe.test:8080/login';
  it.each([
    [{ name: 'TimeoutError' }, 'GET http://oe.test:8080/login got no answer within 5 s'],
    [{ name: 'TypeError', cause: { code: 'ECONNREFUSED' } }, 'connection refused, nothing listens on oe.test:8080'],
    [{ name: 'TypeError', cause: { code: 'ENOTFOUND' } }, 'the host name oe.test is not known (ENOTFOUND)'],
    [{ name: 'TypeError', cause: { code: 'ECONNRESET' } }, 'the connection was reset by oe.test:8080'],
    [{ name: 'TypeError', cause: { code: 'EPROTO' } }, 'GET http://oe.test:8080/login failed: EPROTO.'],
  ])('%o', (error, words) => {
    expect(describeFetchFailure(error, url, 5_000)).toContain(words);
  });
});
