import { beforeAll, describe, expect, it } from 'vitest';
import { generateTestKeyPair, recertifyTestKeyPair, type TestKeyPair } from '../../lib/index.ts';
import { certificateDates, parseCertificate } from './certificates.ts';
import { configurationWarnings, loginCertificateWarnings } from './certificateWarnings.ts';
import type { OidcSettings, SamlSettings } from './contract.ts';

const DAY = 86_400_000;
const SAVED = new Date('2026-06-01T12:00:00Z');

let pair: TestKeyPair;
let settings: SamlSettings;
let expiringMessage: string;

beforeAll(() => {
  // Valid at the save, expiring within 30 days: the save warned "expires in 20 days".
  pair = generateTestKeyPair({
    commonName: 'cert dates',
    notBefore: new Date(SAVED.getTime() - 300 * DAY),
    notAfter: new Date(SAVED.getTime() + 20 * DAY),
  });
  const parsed = parseCertificate(pair.certificatePem);
  if (!parsed.ok) throw new Error(parsed.problem);
  const dates = certificateDates(parsed.certificate, SAVED);
  expiringMessage = dates.state === 'expiring' ? dates.message : '';
  settings = {
    protocol: 'saml',
    vendor: 'okta',
    idpEntityId: 'http://www.okta.com/exk1',
    idpSsoUrl: 'https://idp.example/sso',
    idpCertificates: [pair.certificatePem],
    requireSignedResponse: true,
    requireSignedAssertion: true,
    allowedClockSkewSeconds: 120,
    allowIdpInitiated: false,
    warnings: [expiringMessage, 'The IdP metadata offers only the HTTP-POST binding for sign-on.'],
  };
});

describe('configurationWarnings', () => {
  it('keeps the save-time warnings while nothing has changed', () => {
    expect(expiringMessage).toMatch(/expires on .* \(in 20 days\)/);
    expect(configurationWarnings(settings, SAVED)).toEqual(settings.warnings);
  });

  it('evaluates the configured certificates again: "expires in 20 days" at the save becomes "expired" later', () => {
    const later = configurationWarnings(settings, new Date(SAVED.getTime() + 25 * DAY));
    expect(later).toEqual([
      expect.stringMatching(
        /^The signing certificate CN=cert dates, .* expired on .*\. SAML logins signed with its key are still accepted/,
      ),
      'The IdP metadata offers only the HTTP-POST binding for sign-on.',
    ]);
  });

  it('adds what the last accepted login observed, once', () => {
    const observed = ['The IdP signs with the key of the configured certificate …'];
    expect(configurationWarnings(settings, SAVED, [...observed, ...observed])).toEqual([...settings.warnings, ...observed]);
  });

  it("keeps an OIDC configuration's warnings as saved", () => {
    const oidc: OidcSettings = {
      protocol: 'oidc',
      vendor: 'google',
      issuer: 'https://accounts.google.com',
      clientId: 'c',
      clientSecret: 's',
      scopes: 'openid email',
      emailClaim: 'email',
      allowedClockSkewSeconds: 120,
      warnings: ['w'],
    };
    expect(configurationWarnings(oidc, SAVED)).toEqual(['w']);
  });
});

describe('loginCertificateWarnings', () => {
  it('warns about an expired KeyInfo certificate only when it carries a configured key', () => {
    const lapsed = recertifyTestKeyPair(pair, {
      commonName: 'cert dates',
      serial: Buffer.from([1]),
      notBefore: new Date(SAVED.getTime() - 400 * DAY),
      notAfter: new Date(SAVED.getTime() - DAY),
    });
    const stranger = generateTestKeyPair({
      commonName: 'stranger',
      notBefore: new Date(SAVED.getTime() - 400 * DAY),
      notAfter: new Date(SAVED.getTime() - DAY),
    });
    expect(
      loginCertificateWarnings(settings, [lapsed.certificateBase64, stranger.certificateBase64, lapsed.certificateBase64], SAVED),
    ).toEqual([expect.stringMatching(/^The IdP signs with the key of the configured certificate CN=cert dates/)]);
    expect(loginCertificateWarnings(settings, [pair.certificateBase64, 'not base64 at all'], SAVED)).toEqual([]);
  });
});
