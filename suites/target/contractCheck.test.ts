import { describe, expect, it } from 'vitest';
import { accountStateProblems, provisionedAccountProblems } from './contractCheck.ts';

const base = 'http://127.0.0.1:8080';
const GOOD = {
  accountId: 7,
  name: 'Contoso',
  ssoDomains: ['contoso.example'],
  seats: [],
  urls: {
    portal: `${base}/dashboard`,
    login: `${base}/signin`,
    passwordLogin: `${base}/signin/secret?user={email}`,
    accountParameters: `${base}/org/7/identity`,
    auditLog: `${base}/org/7/events`,
    support: `${base}/staff`,
    supportAccount: `${base}/staff/orgs/7`,
    sp: {
      entityId: `${base}/saml2/7/meta`,
      acsUrl: `${base}/saml2/7/consume`,
      metadataUrl: `${base}/saml2/7/meta`,
      signOnUrl: `${base}/sso/go/7`,
      oidcRedirectUri: `${base}/auth/oidc/7/return`,
    },
    native: { authorize: `${base}/connect/authorize`, token: `${base}/connect/token`, userinfo: `${base}/connect/userinfo` },
  },
  nativeClients: {
    desktop: { clientId: 'ooma-desktop' },
    mobile: { clientId: 'ooma-mobile', redirectUri: 'com.ooma.oe.app:/signin-callback' },
  },
};

describe('provisionedAccountProblems', () => {
  it('finds none in an answer that follows the contract (optional URLs may be absent)', () => {
    expect(provisionedAccountProblems(GOOD)).toEqual([]);
    const { passwordLogin: _p, auditLog: _a, ...required } = GOOD.urls;
    expect(provisionedAccountProblems({ ...GOOD, urls: required })).toEqual([]);
  });

  it('names each missing or wrong field by its JSON path', () => {
    const { supportAccount: _s, native: _n, ...urls } = GOOD.urls;
    expect(
      provisionedAccountProblems({
        ...GOOD,
        urls: {
          ...urls,
          login: '/signin',
          portal: 'https://oe.example.com/home',
          passwordLogin: `${base}/signin/secret`,
          sp: { ...GOOD.urls.sp, acsUrl: 42 },
        },
        nativeClients: { desktop: {}, mobile: { clientId: 'm', redirectUri: 'https://app.example/cb' } },
      }),
    ).toEqual([
      'urls.portal points off this machine (oe.example.com); the OE build under test runs on loopback',
      'urls.login is not an absolute URL ("/signin")',
      'urls.supportAccount is missing',
      'urls.passwordLogin has no {email} placeholder',
      'urls.sp.acsUrl is missing',
      "urls.native is missing (the native apps' authorize, token and userinfo endpoints)",
      'nativeClients.desktop.clientId is missing',
      'nativeClients.mobile.redirectUri is not a private-use scheme URI such as com.example.app:/oauth2redirect (RFC 8252 §7.1)',
    ]);
  });

  it('refuses what is not an object', () => {
    expect(provisionedAccountProblems('ok')).toEqual(['the answer is not a JSON object']);
  });
});

describe('accountStateProblems', () => {
  const state = {
    sso: { enabled: false, version: null, protocol: null, currentVersionPassedTest: false },
    seatSessions: 1,
    sessions: [{ email: 'a@x.example', method: 'password' }],
    auditEvents: [{ at: 'now', action: 'x', actor: { kind: 'seat', label: 'a' }, detail: '', reason: null }],
  };

  it('finds none in a state that follows the contract', () => {
    expect(accountStateProblems(state)).toEqual([]);
  });

  it('asks for the live sessions per seat, consistent with the count', () => {
    expect(accountStateProblems({ ...state, sessions: undefined })).toEqual([
      'sessions must list the live web sessions of seats as [{ "email", "method": "sso" | "password" }]',
    ]);
    expect(accountStateProblems({ ...state, seatSessions: 2 })).toEqual(['sessions lists 1 session(s) but seatSessions says 2']);
    expect(accountStateProblems({ ...state, sessions: [{ email: 'a@x.example', method: 'saml' }] })).toHaveLength(1);
  });
});
