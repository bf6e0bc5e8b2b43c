// Fault saml.cert-expired through the portal, in both skins: an IdP signing certificate past its
// NotAfter does not stop SAML logins, but the admin is warned — on the Test SSO result and in the
// IdP and SSO section (role=note) — evaluated when the login or the page happens, not only when
// the configuration was saved: the configured certificate expiring after the save, and the IdP
// signing with the configured key under a certificate that has expired.
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestKeyPair, recertifyTestKeyPair, type TestKeyPair } from '../../lib/index.ts';
import type { EmbeddedPortal, ProvisionedAccount } from '../driverEmbedded.ts';
import { skinNamed } from '../skin/index.ts';
import type { SkinName } from '../skin/types.ts';
import { samlResponseXml, toBase64, type SamlResponseOptions } from '../sso/testing/samlResponseFixture.ts';
import { textOf, withRole } from '../testing/htmlProbe.ts';
import { TestBrowser } from '../testing/testBrowser.ts';
import { STANDARD_ACCOUNT, startTestPortal } from '../testing/testPortal.ts';

const DAY = 86_400_000;
const IDP_ENTITY = 'https://idp.example/cert-dates';
const IDP_SSO_URL = 'http://127.0.0.1:9/idp/saml2';

function requestIdOf(location: string | null): string {
  const request = new URL(location ?? '').searchParams.get('SAMLRequest') ?? '';
  return /\sID="([^"]+)"/.exec(inflateRawSync(Buffer.from(request, 'base64')).toString('utf8'))?.[1] ?? '';
}

const notes = (html: string): string[] => withRole(html, 'note').map((note) => textOf(note.inner));

describe.each<SkinName>(['reference', 'foreign'])('expired IdP signing certificates (%s skin)', (skinName) => {
  const skin = skinNamed(skinName);
  const { paths: P, fields: F, query: Q } = skin;
  const start = Date.now();
  let clock = start;
  let target: EmbeddedPortal;
  let key: TestKeyPair;

  beforeAll(async () => {
    target = await startTestPortal({ skin: skinName, now: () => new Date(clock) });
    key = generateTestKeyPair({ commonName: 'IdP signing (TEST ONLY)', notBefore: new Date(start - DAY), lifetimeDays: 40 });
  });

  afterAll(async () => {
    await target.close();
  });

  async function admin(account: ProvisionedAccount): Promise<TestBrowser> {
    const browser = new TestBrowser(target.url, skin);
    await browser.submit(`${P.passwordLogin}?${Q.account}=${account.accountId}`, P.passwordLogin, {
      [F.email]: 'ada@contoso.example',
      [F.password]: 'admin-password-1',
      [Q.account]: String(account.accountId),
    });
    return browser;
  }

  async function configured(name: string): Promise<{ account: ProvisionedAccount; browser: TestBrowser }> {
    const account = await target.createAccount({ ...STANDARD_ACCOUNT, name });
    const browser = await admin(account);
    const C = F.sso;
    const form = new FormData();
    for (const [field, value] of Object.entries({
      [C.protocol]: 'saml',
      [C.vendor]: 'okta',
      [C.allowedClockSkewSeconds]: '120',
      [C.metadataSource]: 'manual',
      [C.idpEntityId]: IDP_ENTITY,
      [C.idpSsoUrl]: IDP_SSO_URL,
      [C.idpCertificate]: key.certificatePem,
      [C.requireSignedAssertion]: '1',
    }))
      form.set(field, value);
    expect((await browser.submit(P.settings, P.ssoSave, form)).status).toBe(303);
    return { account, browser };
  }

  async function testSso(browser: TestBrowser, account: ProvisionedAccount, overrides: Partial<SamlResponseOptions> = {}): Promise<string> {
    const started = await browser.submit(P.settings, P.ssoTest, {});
    const samlResponse = toBase64(
      samlResponseXml({
        signer: key,
        now: new Date(clock),
        issuer: IDP_ENTITY,
        audience: account.urls.sp.entityId,
        destination: account.urls.sp.acsUrl,
        recipient: account.urls.sp.acsUrl,
        nameId: 'ada@contoso.example',
        inResponseTo: requestIdOf(started.headers.get('location')),
        ...overrides,
      }),
    );
    const result = await browser.post(new URL(account.urls.sp.acsUrl).pathname, { SAMLResponse: samlResponse });
    expect(result.status).toBe(200);
    return result.text();
  }

  it('the configured certificate expired after the save: Test SSO passes with a warning, and the IdP and SSO section warns', async () => {
    clock = start;
    const { account, browser } = await configured(`Expires later ${skinName}`);
    expect(notes(await (await browser.get(P.settings)).text())).toEqual([]);

    clock = start + 45 * DAY;
    const again = await admin(account);
    const result = await testSso(again, account);
    expect(withRole(result, 'alert')).toEqual([]);
    expect(notes(result).join(' ')).toMatch(
      /The signing certificate CN=IdP signing \(TEST ONLY\).* expired on .* SAML logins signed with its key are still accepted/,
    );
    expect(notes(await (await again.get(P.settings)).text()).join(' ')).toMatch(
      /The signing certificate CN=IdP signing \(TEST ONLY\).* expired on /,
    );
    expect(target.portal.db.ssoConfigs.status(account.accountId).currentVersionPassed).toBe(true);
  });

  it('the IdP signs with the configured key under an expired certificate: Test SSO passes with a warning, the section warns until a login shows a valid one', async () => {
    clock = start;
    const { account, browser } = await configured(`IdP lapsed ${skinName}`);
    const lapsed = recertifyTestKeyPair(key, {
      commonName: 'IdP signing (TEST ONLY)',
      serial: Buffer.from([0x42]),
      notBefore: new Date(start - 400 * DAY),
      notAfter: new Date(start - DAY),
    });
    const result = await testSso(browser, account, { keyInfo: lapsed });
    expect(withRole(result, 'alert')).toEqual([]);
    const warning =
      /The IdP signs with the key of the configured certificate CN=IdP signing \(TEST ONLY\).*, but under a certificate that expired on /;
    expect(notes(result).join(' ')).toMatch(warning);
    expect(notes(await (await browser.get(P.settings)).text()).join(' ')).toMatch(warning);

    // Renewed at the IdP (same key, valid certificate): the next accepted login clears the warning.
    await testSso(browser, account);
    expect(notes(await (await browser.get(P.settings)).text())).toEqual([]);
  });
});
