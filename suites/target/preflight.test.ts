// The remote-target preflight against the reference portal started in-process as a stand-in for an
// OE test environment — in its own skin and in its foreign one (other paths, words, cookies, audit
// words) — and against stub provisioning APIs that break the contract: each wrong setting stops at
// its own check, the message names that setting and the target file, and no password or token ever
// appears in a message.
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listenOnLoopback, generateTestKeyPair } from '../../lib/index.ts';
import { startEmbeddedPortal, type EmbeddedPortal } from '../../portal/index.ts';
import { PreflightError, runPreflight } from './preflight.ts';
import { checkBaseUrl, describeFetchFailure } from './preflightHttp.ts';
import { parseRemoteTarget, type RemoteTargetConfig } from './targetConfig.ts';

const ADMIN_PASSWORD = 'admin-Secret-7f3c-TEST';
const SUPPORT_PASSWORD = 'support-Secret-91ab-TEST';
const SSO_ADMIN_PASSWORD = 'sso-admin-Secret-c0de-TEST';
const FILE = '/tmp/oe-preflight/target.json';
let portal: EmbeddedPortal;
let foreign: EmbeddedPortal;
let good: RemoteTargetConfig;
let goodForeign: RemoteTargetConfig;

/** A target file as an OE team writes it, parsed as the harness reads it. */
const targetFile = (raw: Record<string, unknown>): RemoteTargetConfig => parseRemoteTarget(raw, FILE);

async function standIn(skin: 'reference' | 'foreign'): Promise<EmbeddedPortal> {
  const started = await startEmbeddedPortal({ skin, log: () => undefined });
  await started.createAccount({
    name: 'Preflight',
    seats: [{ name: 'Ada Admin', email: 'ada@preflight.example', role: 'admin', password: ADMIN_PASSWORD }],
  });
  await started.createSupportStaff({ name: 'Sam Support', email: 'sam@ooma.example', password: SUPPORT_PASSWORD });
  return started;
}

beforeAll(async () => {
  [portal, foreign] = await Promise.all([standIn('reference'), standIn('foreign')]);
  // An account that requires SSO: its admin's password cannot be checked.
  const sso = await portal.createAccount({
    name: 'SSO on',
    seats: [{ name: 'Sia Admin', email: 'sia@sso-on.example', role: 'admin', password: SSO_ADMIN_PASSWORD }],
  });
  const enabled = await fetch(`${portal.url}/_harness/accounts/${sso.accountId}/sso`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${portal.harnessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      protocol: 'saml',
      vendor: 'okta',
      metadataSource: 'manual',
      idpEntityId: 'http://www.okta.com/exk1preflight',
      // Port 1: Chromium refuses it, so the "IdP" is never contacted; the preflight only sees the browser leave.
      idpSsoUrl: 'http://127.0.0.1:1/app/oe/sso/saml',
      idpCertificate: generateTestKeyPair({ commonName: 'preflight TEST ONLY' }).certificatePem,
      requireSignedResponse: true,
      requireSignedAssertion: true,
      enabled: true,
    }),
  });
  expect(enabled.status).toBe(200);
  const logins = {
    admin: { email: 'ada@preflight.example', password: ADMIN_PASSWORD },
    support: { email: 'sam@ooma.example', password: SUPPORT_PASSWORD },
  };
  good = targetFile({
    name: 'stand-in OE',
    baseUrl: portal.url,
    ...logins,
    provisioning: { url: portal.url, token: portal.harnessToken, ssoConfig: true },
    sessionCookie: 'oe_session',
    reasons: { header: 'X-OE-Reason', attribute: 'data-reason', audit: true },
    audit: {},
  });
  const partial = JSON.parse(
    readFileSync(join(import.meta.dirname, '..', '..', 'portal', 'foreign', 'target.partial.json'), 'utf8'),
  ) as Record<string, unknown>;
  goodForeign = targetFile({
    name: 'foreign stand-in OE',
    baseUrl: foreign.url,
    ...logins,
    provisioning: { token: foreign.harnessToken },
    ...partial,
  });
}, 30_000);

afterAll(async () => {
  await Promise.all([portal.close(), foreign.close()]);
});

/** A loopback port nobody listens on (taken and released). */
async function freePort(): Promise<number> {
  const server = createHttpServer();
  const url = await listenOnLoopback(server, 0, 'free port probe');
  await closeServer(server);
  return Number(new URL(url).port);
}

async function preflightFailure(config: RemoteTargetConfig): Promise<PreflightError> {
  const error = await runPreflight(config).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PreflightError);
  const failure = error as PreflightError;
  expect(failure.message).toContain(config.file);
  for (const secret of [
    ADMIN_PASSWORD,
    SUPPORT_PASSWORD,
    SSO_ADMIN_PASSWORD,
    portal.harnessToken,
    foreign.harnessToken,
    config.provisioning?.token ?? ADMIN_PASSWORD,
    config.admin?.password ?? ADMIN_PASSWORD,
    config.support.password,
  ]) {
    expect(failure.message).not.toContain(secret);
  }
  return failure;
}

describe('runPreflight against a stand-in OE (the reference portal)', () => {
  it('passes a correct target file, reporting each check', async () => {
    const lines: string[] = [];
    await runPreflight(good, { log: (line) => lines.push(line) });
    expect(lines).toEqual([
      `preflight: ${portal.url} answers with an HTML page`,
      `preflight: the provisioning API at ${portal.url} accepts the token (contract 2)`,
      expect.stringMatching(/^preflight: a preflight account \(\d+\) comes back with every URL the suites open$/) as unknown as string,
      "preflight: login page, password login, session cookie, IdP and SSO controls, the admin login and the support console work with the target file's names",
    ]);
  });

  it('passes the foreign skin with the target file its team wrote (other paths, words, cookie, audit words)', async () => {
    await expect(runPreflight(goodForeign)).resolves.toBeUndefined();
  });

  it('does nothing for the embedded target', async () => {
    await expect(runPreflight({ kind: 'embedded', defects: [] })).resolves.toBeUndefined();
  });

  it.each<[string, () => Promise<RemoteTargetConfig>, string, RegExp]>([
    [
      'a port nobody listens on',
      async () => ({ ...good, baseUrl: `http://127.0.0.1:${await freePort()}` }),
      'baseUrl',
      /connection refused, nothing listens on 127\.0\.0\.1:\d+\..*must run on this machine/s,
    ],
    [
      'a host outside this machine',
      () => Promise.resolve({ ...good, baseUrl: 'http://10.255.255.1:8080' }),
      'baseUrl',
      /10\.255\.255\.1 resolves to 10\.255\.255\.1, which is not a loopback address/,
    ],
    [
      'a baseUrl where the portal does not answer',
      () => Promise.resolve({ ...good, baseUrl: `${portal.url}/nowhere` }),
      'baseUrl',
      /GET .*\/nowhere\/ answered 404.*not a portal page/,
    ],
    [
      'no provisioning setting',
      () => Promise.resolve({ ...good, provisioning: undefined }),
      'provisioning',
      /has no "provisioning" setting.*fresh OE account/s,
    ],
    [
      'a wrong provisioning token',
      () => Promise.resolve({ ...good, provisioning: { url: portal.url, token: 'wrong-token-0123456789' } }),
      'provisioning.token',
      /_harness\/health answered 401: the provisioning API refused the token/,
    ],
    [
      'a provisioning url without the API',
      () => Promise.resolve({ ...good, provisioning: { url: `${portal.url}/elsewhere`, token: portal.harnessToken } }),
      'provisioning.url',
      /answered 404: this OE build has no provisioning API at .*\/elsewhere/,
    ],
    [
      'an unknown selector name',
      () => Promise.resolve({ ...good, selectors: { emailField: 'Email' } }),
      'selectors',
      /unknown names: emailField/,
    ],
    [
      'an email label that matches nothing',
      () => Promise.resolve({ ...good, selectors: { emailLabel: 'Work email' } }),
      'selectors.emailLabel',
      /login page \(.*\/login\) has no field named like selectors\.emailLabel = "Work email"\. Field labels it shows: "Email"\./,
    ],
    [
      'a continue button name that matches nothing',
      () => Promise.resolve({ ...good, selectors: { continueButton: 'Next' } }),
      'selectors.continueButton',
      /no button named like selectors\.continueButton = "Next"\. Buttons and links it shows: .*"Continue"/,
    ],
    [
      'a log-out name that matches nothing',
      () => Promise.resolve({ ...good, selectors: { logOutButton: 'Sign out' } }),
      'selectors.logOutButton',
      /no alert and no button or link named like selectors\.logOutButton = "Sign out".*"Log out"/,
    ],
    [
      'a save button name that matches nothing in the IdP and SSO section',
      () => Promise.resolve({ ...good, selectors: { saveSso: 'Save' } }),
      'selectors.saveSso',
      /Account parameters → IdP and SSO \(.*\) has no button named like selectors\.saveSso = "Save"\. Buttons and links it shows: .*"Save SSO configuration"/,
    ],
    [
      'an issuer label that matches nothing in the IdP and SSO section',
      () => Promise.resolve({ ...good, selectors: { issuer: 'Issuer' } }),
      'selectors.issuer',
      /has no field named like selectors\.issuer = "Issuer"\. Field labels it shows: .*"Issuer URL"/,
    ],
    [
      'a vendor option that is not in the select',
      () => Promise.resolve({ ...good, selectors: { vendorOkta: 'Okta Workforce' } }),
      'selectors.vendorOkta',
      /has no option named like selectors\.vendorOkta = "Okta Workforce"\. Options it shows: .*"Okta"/,
    ],
    [
      'a session cookie of another name',
      () => Promise.resolve({ ...good, capabilities: { ...good.capabilities, sessionCookie: 'SID' } }),
      'sessionCookie',
      /holds no cookie named "SID"; it holds: .*"oe_session"/,
    ],
    [
      'a wrong admin password',
      () => Promise.resolve({ ...good, admin: { email: 'ada@preflight.example', password: 'not-the-password-1' } }),
      'admin.password',
      /refused the password login of ada@preflight\.example: "The email or password is wrong/,
    ],
    [
      'an admin whose account requires SSO',
      () => Promise.resolve({ ...good, admin: { email: 'sia@sso-on.example', password: SSO_ADMIN_PASSWORD } }),
      'admin.email',
      /sent the browser to http:\/\/127\.0\.0\.1:1 \(single sign-on\)/,
    ],
    [
      'a wrong support password',
      () => Promise.resolve({ ...good, support: { email: 'sam@ooma.example', password: 'not-the-password-2' } }),
      'support.password',
      /refused the login of sam@ooma\.example: "The support email or password is wrong\."/,
    ],
    [
      "the foreign portal driven with the reference portal's names",
      () => Promise.resolve({ ...goodForeign, selectors: {} }),
      'selectors.emailLabel',
      /has no field named like selectors\.emailLabel \(not set: the reference portal's "Email"\)\. Field labels it shows: "Work email"/,
    ],
    [
      "the foreign portal's reason words left unmapped",
      () =>
        Promise.resolve({
          ...goodForeign,
          capabilities: { ...goodForeign.capabilities, audit: { actions: new Map(), reasons: new Map() } },
        }),
      'audit.reasons',
      /audit event .* names "[A-Z_]+", which the target file maps to no reason code/,
    ],
  ])('stops at %s, naming the setting', async (_case, config, setting, seen) => {
    const failure = await preflightFailure(await config());
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

describe('runPreflight against provisioning APIs that break the contract', () => {
  let stub: ReturnType<typeof createHttpServer>;
  let url = '';
  let answers: { health: unknown; account: unknown } = { health: {}, account: {} };
  const reply = (res: ServerResponse, status: number, body: unknown): void => {
    res
      .writeHead(status, { 'content-type': typeof body === 'string' ? 'text/html' : 'application/json' })
      .end(typeof body === 'string' ? body : JSON.stringify(body));
  };

  beforeAll(async () => {
    stub = createHttpServer((req: IncomingMessage, res: ServerResponse) => {
      if (req.url === '/') reply(res, 200, '<!doctype html><title>OE</title>');
      else if (req.url === '/_harness/health') reply(res, 200, answers.health);
      else if (req.url === '/_harness/accounts') reply(res, 201, answers.account);
      else reply(res, 404, { error: 'not_found' });
    });
    url = await listenOnLoopback(stub, 0, 'stub provisioning API');
  });

  afterAll(async () => {
    await closeServer(stub);
  });

  const stubTarget = (): RemoteTargetConfig => ({
    ...good,
    baseUrl: url,
    provisioning: { url, token: 'stub-token-0123456789' },
    capabilities: { reasons: { audit: false }, ssoConfigApi: false },
  });

  it('stops at an API of another contract version', async () => {
    answers = { health: { ok: true }, account: {} };
    const failure = await preflightFailure(stubTarget());
    expect(failure.message).toMatch(/answered \{ "ok": true \} without "contract"; this harness needs contract 2/);
  });

  it('names every field of the account answer the suites need and did not get', async () => {
    answers = {
      health: { ok: true, contract: 2 },
      account: {
        accountId: 3,
        seats: [],
        urls: {
          portal: `${url}/`,
          login: `${url}/in`,
          accountParameters: `${url}/p`,
          support: `${url}/s`,
          sp: { entityId: 'e', acsUrl: `${url}/acs`, metadataUrl: `${url}/m`, signOnUrl: `${url}/go`, oidcRedirectUri: `${url}/cb` },
        },
      },
    };
    const failure = await preflightFailure(stubTarget());
    expect(failure.setting).toBe("provisioning (the OE's provisioning API)");
    expect(failure.message).toMatch(
      /answered without what the suites need: urls\.supportAccount is missing; urls\.sp\.entityId is not an absolute URL \("e"\); urls\.native is missing .*; nativeClients is missing/,
    );
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

  it('words a portal page that is not HTML', async () => {
    const error = await checkBaseUrl({ ...good, baseUrl: jsonUrl }).catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(/answered 200 with content-type application\/json, not an HTML page/);
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
