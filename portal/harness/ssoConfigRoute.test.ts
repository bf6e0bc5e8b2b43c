import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SsoConfigSpec } from '../../lib/index.ts';
import { generateTestKeyPair } from '../../lib/index.ts';
import { idpMetadataXml } from '../sso/testing/idpMetadataFixture.ts';
import { sendText, startTestServer } from '../sso/testing/loopbackServer.ts';
import { startTestOidcProvider } from '../sso/testing/oidcProviderFixture.ts';
import type { EmbeddedPortal } from '../driverEmbedded.ts';
import { STANDARD_ACCOUNT, startTestPortal } from '../testing/testPortal.ts';
import { parseSsoConfigRequest } from './ssoConfigRoute.ts';

let target: EmbeddedPortal;
let accountId: number;
const signing = generateTestKeyPair({ commonName: 'harness sso route TEST ONLY' });

beforeAll(async () => {
  target = await startTestPortal();
  accountId = (await target.createAccount(STANDARD_ACCOUNT)).accountId;
});

afterAll(async () => {
  await target.close();
});

function put(id: number | string, body: unknown, token = target.harnessToken): Promise<Response> {
  return fetch(`${target.url}/_harness/accounts/${id}/sso`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const manualSaml = {
  protocol: 'saml',
  vendor: 'okta',
  metadataSource: 'manual',
  idpEntityId: 'http://www.okta.com/exk1harness',
  idpSsoUrl: 'http://127.0.0.1:1/app/oe/exk1harness/sso/saml',
  idpCertificate: signing.certificatePem,
  requireSignedResponse: true,
  requireSignedAssertion: true,
};

describe('PUT /_harness/accounts/{id}/sso', () => {
  it('saves the configuration as a new version, switches SSO on, and audits both as the harness', async () => {
    const response = await put(accountId, { ...manualSaml, enabled: true });
    expect(response.status).toBe(200);
    const saved = (await response.json()) as { version: number; enabled: boolean; settings: Record<string, unknown> };
    expect(saved).toMatchObject({
      version: 1,
      enabled: true,
      settings: { protocol: 'saml', vendor: 'okta', idpEntityId: manualSaml.idpEntityId, requireSignedResponse: true },
    });
    const state = (await (
      await fetch(`${target.url}/_harness/accounts/${accountId}`, { headers: { authorization: `Bearer ${target.harnessToken}` } })
    ).json()) as { sso: unknown; auditEvents: { action: string; actor: { kind: string } }[] };
    expect(state.sso).toEqual({ enabled: true, version: 1, protocol: 'saml', currentVersionPassedTest: false });
    const harnessEvents = state.auditEvents.filter((event) => event.actor.kind === 'harness').map((event) => event.action);
    expect(harnessEvents).toEqual(expect.arrayContaining(['sso.config.saved', 'sso.enabled']));
  });

  it('keeps the Enable switch as it is when "enabled" is absent', async () => {
    const saved = (await (await put(accountId, { ...manualSaml, allowedClockSkewSeconds: 300 })).json()) as {
      version: number;
      enabled: boolean;
      settings: { allowedClockSkewSeconds: number };
    };
    expect(saved).toMatchObject({ version: 2, enabled: true, settings: { allowedClockSkewSeconds: 300 } });
  });

  it('refuses what the form would refuse, naming each field (422)', async () => {
    const response = await put(accountId, { ...manualSaml, idpCertificate: 'not a certificate', allowedClockSkewSeconds: 'soon' });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: string; fieldErrors: { field: string }[] };
    expect(body.error).toBe('invalid_settings');
    expect(body.fieldErrors.map((error) => error.field).sort()).toEqual(['allowedClockSkewSeconds', 'idpCertificate']);
  });

  it.each([
    [{ ...manualSaml, protocol: 'ws-fed' }, '"protocol" must be "saml" or "oidc"'],
    [{ ...manualSaml, requireSignedResponse: 'yes' }, '"requireSignedResponse", when given, must be true or false'],
    [{ ...manualSaml, idpCert: 'x' }, 'unknown field(s) "idpCert"'],
    [{ ...manualSaml, enabled: 1 }, '"enabled", when given, must be true or false'],
    [[manualSaml], 'Send a JSON object'],
  ])('refuses a malformed request %#', async (body, message) => {
    const response = await put(accountId, body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain(message);
  });

  it('answers 404 for an unknown account and 401 without the harness token', async () => {
    expect((await put(999_999, manualSaml)).status).toBe(404);
    expect((await put(accountId, manualSaml, 'not-the-harness-token')).status).toBe(401);
  });

  it("takes the contract's SsoConfigSpec bodies as they are (SAML from a metadata URL, OIDC), in any skin", async () => {
    const metadata = await startTestServer();
    metadata.route('/federationmetadata.xml', (_req, _body, res) =>
      sendText(
        res,
        200,
        idpMetadataXml({
          entityId: 'https://idp.example/spec',
          certificates: [signing.certificateBase64],
          redirectUrl: `${metadata.url}/saml2`,
        }),
      ),
    );
    const oidc = await startTestOidcProvider({ now: new Date() });
    const foreign = await startTestPortal({ skin: 'foreign' });
    try {
      const saml: SsoConfigSpec = {
        protocol: 'saml',
        vendor: 'entra',
        metadataSource: 'url',
        metadataUrl: `${metadata.url}/federationmetadata.xml`,
        requireSignedResponse: false,
        requireSignedAssertion: true,
        allowIdpInitiated: false,
        enabled: true,
      };
      const openid: SsoConfigSpec = {
        protocol: 'oidc',
        vendor: 'google',
        issuer: oidc.issuer,
        clientId: oidc.clientId,
        clientSecret: oidc.clientSecret,
        hostedDomain: 'contoso.example',
        enabled: false,
      };
      for (const portal of [target, foreign]) {
        const id = (await portal.createAccount(STANDARD_ACCOUNT)).accountId;
        const call = (body: SsoConfigSpec): Promise<Response> =>
          fetch(`${portal.url}/_harness/accounts/${id}/sso`, {
            method: 'PUT',
            headers: { authorization: `Bearer ${portal.harnessToken}`, 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
        const samlAnswer = await call(saml);
        expect(samlAnswer.status).toBe(200);
        expect(await samlAnswer.json()).toMatchObject({
          enabled: true,
          settings: { protocol: 'saml', idpEntityId: 'https://idp.example/spec', metadataUrl: saml.metadataUrl },
        });
        const oidcAnswer = await call(openid);
        expect(oidcAnswer.status).toBe(200);
        const saved = (await oidcAnswer.json()) as { enabled: boolean; settings: Record<string, unknown> };
        expect(saved).toMatchObject({
          enabled: false,
          settings: { protocol: 'oidc', vendor: 'google', issuer: oidc.issuer, hostedDomain: 'contoso.example' },
        });
        expect(saved.settings).not.toHaveProperty('clientSecret');
      }
    } finally {
      await Promise.all([foreign.close(), oidc.close(), metadata.close()]);
    }
  });

  it('reads an OIDC request without a client secret as "keep the saved secret", with the form\'s defaults', () => {
    const parsed = parseSsoConfigRequest({ protocol: 'oidc', vendor: 'okta', issuer: 'http://127.0.0.1:1/okta', clientId: 'abc' });
    expect(parsed).toMatchObject({
      ok: true,
      value: { clientSecret: '', values: { protocol: 'oidc', clientId: 'abc', scopes: 'openid email profile' } },
    });
  });
});
