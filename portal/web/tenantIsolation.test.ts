// One account's IdP never speaks for another account: the settings a SAML response is judged by,
// and the seat it logs into, are the receiving account's — and what the two tenant-isolation
// defect switches change about that.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortalContext } from '../context.ts';
import { parseDefects } from '../defects.ts';
import type { EmbeddedPortal } from '../driverEmbedded.ts';
import type { SamlSettings } from '../sso/contract.ts';
import { STANDARD_ACCOUNT, startTestPortal } from '../testing/testPortal.ts';
import { matchSeat } from './ssoFlows.ts';
import { settingsForIssuer } from './ssoRoutes.ts';

const settingsOf = (entityId: string): SamlSettings => ({
  protocol: 'saml',
  vendor: 'okta',
  idpEntityId: entityId,
  idpSsoUrl: 'http://127.0.0.1:9/sso',
  idpCertificates: [`PEM of ${entityId}`],
  requireSignedResponse: true,
  requireSignedAssertion: true,
  allowedClockSkewSeconds: 120,
  allowIdpInitiated: false,
  warnings: [],
});
const A_IDP = 'http://www.okta.com/exkA';
const B_IDP = 'http://www.okta.com/exkB';
const responseFrom = (issuer: string): string =>
  Buffer.from(`<samlp:Response><saml:Issuer>${issuer}</saml:Issuer></samlp:Response>`).toString('base64');

let target: EmbeddedPortal;
let a: number;
let b: number;

beforeAll(async () => {
  target = await startTestPortal();
  a = (
    await target.createAccount({
      ...STANDARD_ACCOUNT,
      name: 'A',
      seats: [{ name: 'Ada', email: 'ada@a.example', role: 'admin', password: 'admin-password-1' }],
      ssoDomains: ['a.example'],
    })
  ).accountId;
  b = (
    await target.createAccount({
      ...STANDARD_ACCOUNT,
      name: 'B',
      seats: [{ name: 'Bo', email: 'bo@b.example', role: 'admin', password: 'admin-password-1' }],
      ssoDomains: ['b.example'],
    })
  ).accountId;
  target.portal.db.ssoConfigs.save(a, settingsOf(A_IDP), 'Ada', Date.now());
  target.portal.db.ssoConfigs.save(b, settingsOf(B_IDP), 'Bo', Date.now());
});

afterAll(async () => {
  await target.close();
});

const contextWith = (defects: readonly string[]): PortalContext =>
  ({ store: target.portal.db, skin: target.portal.skin, defects: parseDefects(defects) }) as unknown as PortalContext;

describe("a response at B's ACS whose Issuer is A's IdP", () => {
  it("is judged by B's settings", () => {
    expect(settingsForIssuer(contextWith([]), settingsOf(B_IDP), responseFrom(A_IDP)).idpEntityId).toBe(B_IDP);
  });

  it("acs-config-by-issuer: is judged by A's settings", () => {
    expect(settingsForIssuer(contextWith(['acs-config-by-issuer']), settingsOf(B_IDP), responseFrom(A_IDP)).idpEntityId).toBe(A_IDP);
  });
});

describe('an email asserted at A that only B has a seat for', () => {
  it('matches no seat', () => {
    const account = target.portal.db.accounts.get(a);
    if (!account) throw new Error('no account A');
    expect(matchSeat(contextWith([]), account, 'bo@b.example')).toMatchObject({ ok: false, reason: 'no-seat-for-email' });
  });

  it("seat-lookup-any-account: matches B's seat", () => {
    const account = target.portal.db.accounts.get(a);
    if (!account) throw new Error('no account A');
    expect(matchSeat(contextWith(['seat-lookup-any-account']), account, 'bo@b.example')).toMatchObject({
      ok: true,
      seat: { email: 'bo@b.example' },
    });
  });
});

describe('an email that is a seat in both A and B, asserted at B', () => {
  let c: number;
  beforeAll(async () => {
    c = (
      await target.createAccount({
        ...STANDARD_ACCOUNT,
        name: 'C',
        seats: [
          { name: 'Cy', email: 'cy@c.example', role: 'admin', password: 'admin-password-1' },
          { name: 'Ada too', email: 'ADA@a.example', role: 'user', password: 'user-password-1' },
        ],
        ssoDomains: ['c.example', 'a.example'],
      })
    ).accountId;
  });
  const accountC = () => {
    const account = target.portal.db.accounts.get(c);
    if (!account) throw new Error('no account C');
    return account;
  };

  it("matches the receiving account's seat (with any defect switch but the global lookup)", () => {
    for (const defects of [[], ['seat-lookup-any-account']]) {
      const match = matchSeat(contextWith(defects), accountC(), 'ada@a.example');
      expect(match.ok && match.seat.accountId).toBe(c);
    }
  });

  it("seat-lookup-global-first: matches the older account A's seat", () => {
    const match = matchSeat(contextWith(['seat-lookup-global-first']), accountC(), 'ada@a.example');
    expect(match.ok && match.seat.accountId).toBe(a);
  });
});
