import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedPortal } from '../driverEmbedded.ts';
import type { SamlSettings } from '../sso/contract.ts';
import { TestBrowser } from '../testing/testBrowser.ts';
import { STANDARD_ACCOUNT, startTestPortal } from '../testing/testPortal.ts';

const SAML: SamlSettings = {
  protocol: 'saml',
  vendor: 'okta',
  idpEntityId: 'http://www.okta.com/exk1',
  idpSsoUrl: 'http://127.0.0.1:9/sso',
  idpCertificates: ['PEM'],
  requireSignedResponse: true,
  requireSignedAssertion: true,
  allowedClockSkewSeconds: 120,
  allowIdpInitiated: false,
  warnings: [],
};

let target: EmbeddedPortal;

beforeAll(async () => {
  target = await startTestPortal();
});

afterAll(async () => {
  await target.close();
});

describe('password login', () => {
  it('logs a seat in through the email then password steps, with an HttpOnly SameSite=Lax session cookie', async () => {
    await target.createAccount(STANDARD_ACCOUNT);
    const browser = new TestBrowser(target.url);
    const step1 = await browser.submit('/login', '/login', { email: 'UMA@contoso.example' });
    expect(step1.status).toBe(303);
    expect(step1.headers.get('location')).toMatch(/^\/login\/password\?email=UMA%40contoso\.example&account=\d+$/);
    const location = step1.headers.get('location') ?? '';
    const step2 = await browser.submit(location, '/login/password', {
      email: 'UMA@contoso.example',
      password: 'user-password-1',
      account: new URL(location, target.url).searchParams.get('account') ?? '',
    });
    expect(step2.status).toBe(303);
    expect(step2.headers.get('location')).toBe('/home');
    expect(step2.headers.getSetCookie().find((c) => c.startsWith('oe_session='))).toMatch(/; HttpOnly; SameSite=Lax$/);
    const home = await (await browser.get('/home')).text();
    expect(home).toContain('Signed in as uma@contoso.example (user) in account "Contoso", with a password.');
  });

  it('refuses a wrong password without saying which part was wrong, and audits it', async () => {
    const account = await target.createAccount({ ...STANDARD_ACCOUNT, name: 'Wrong password' });
    const browser = new TestBrowser(target.url);
    const response = await browser.submit('/login/password', '/login/password', {
      email: 'ada@contoso.example',
      password: 'nope',
      account: String(account.accountId),
    });
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('The email or password is wrong.');
    expect(browser.cookies.has('oe_session')).toBe(false);
    expect(target.portal.db.audit.listByAccount(account.accountId)[0]).toMatchObject({ action: 'password.login.failed' });
  });

  it('refuses a form without the CSRF token, or with the token of another browser', async () => {
    const browser = new TestBrowser(target.url);
    const missing = await browser.post('/login', { email: 'ada@contoso.example' });
    expect(missing.status).toBe(403);
    expect(await missing.text()).toContain('its security token is missing or does not belong to your current session');
    const other = new TestBrowser(target.url);
    const page = await (await other.get('/login')).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    await browser.get('/login');
    expect((await browser.post('/login', { _csrf: token, email: 'ada@contoso.example' })).status).toBe(403);
  });

  it('refuses password login with sso-required once the account uses SSO — admins included', async () => {
    const account = await target.createAccount({ ...STANDARD_ACCOUNT, name: 'SSO on' });
    target.portal.db.ssoConfigs.save(account.accountId, SAML, 'test', Date.now());
    target.portal.db.ssoConfigs.setEnabled(account.accountId, true);
    const browser = new TestBrowser(target.url);
    const response = await browser.submit('/login/password', '/login/password', {
      email: 'ada@contoso.example',
      password: 'admin-password-1',
      account: String(account.accountId),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-oe-reason')).toBe('sso-required');
    const page = await response.text();
    expect(page).toContain('<code data-reason="sso-required">sso-required</code>');
    expect(page).toContain('Use &quot;Continue with SSO&quot;.');
    expect(browser.cookies.has('oe_session')).toBe(false);
    expect(target.portal.db.audit.listByAccount(account.accountId)[0]).toMatchObject({
      action: 'password.login.refused',
      reason: 'sso-required',
    });
  });

  it('sends the email step of an SSO account to its sign-on URL, keeping only a portal return path', async () => {
    const account = await target.createAccount({
      name: 'SSO start',
      seats: [{ name: 'Sol', email: 'sol@sso-start.example', role: 'admin', password: 'sol-password-1' }],
    });
    target.portal.db.ssoConfigs.save(account.accountId, SAML, 'test', Date.now());
    target.portal.db.ssoConfigs.setEnabled(account.accountId, true);
    const browser = new TestBrowser(target.url);
    const local = await browser.submit('/login?return_to=%2Faccount%2Fseats', '/login', {
      email: 'sol@sso-start.example',
      return_to: '/account/seats',
    });
    expect(local.headers.get('location')).toBe(`/sso/${account.accountId}/start?return_to=%2Faccount%2Fseats`);
    const offsite = await browser.submit('/login', '/login', { email: 'sol@sso-start.example', return_to: 'https://evil.example/' });
    expect(offsite.headers.get('location')).toBe(`/sso/${account.accountId}/start`);
  });

  it('asks which account when the email has seats in several', async () => {
    const shared = { name: 'Sam', email: 'sam@shared.example', role: 'admin' as const, password: 'shared-password-1' };
    const first = await target.createAccount({ name: 'First shared', seats: [shared] });
    await target.createAccount({ name: 'Second shared', seats: [shared] });
    const browser = new TestBrowser(target.url);
    const choice = await browser.submit('/login', '/login', { email: 'sam@shared.example' });
    const page = await choice.text();
    expect(page).toContain('<h1>Choose your account</h1>');
    expect(page).toContain('First shared</button>');
    expect(page).toContain('Second shared</button>');
    const picked = await browser.submit('/login', '/login', { email: 'sam@shared.example', account: String(first.accountId) });
    expect(picked.headers.get('location')).toBe(`/login/password?email=sam%40shared.example&account=${first.accountId}`);
  });

  it('logs out: the session is gone server-side', async () => {
    const account = await target.createAccount({ ...STANDARD_ACCOUNT, name: 'Logout' });
    const browser = new TestBrowser(target.url);
    await browser.submit(`/login/password?account=${account.accountId}`, '/login/password', {
      email: 'ada@contoso.example',
      password: 'admin-password-1',
      account: String(account.accountId),
    });
    const session = browser.cookies.get('oe_session') ?? '';
    expect(target.portal.db.sessions.countSeatSessions(account.accountId, Date.now())).toBe(1);
    expect((await browser.submit('/home', '/logout', {})).headers.get('location')).toBe('/login');
    expect(target.portal.db.sessions.countSeatSessions(account.accountId, Date.now())).toBe(0);
    const replayed = await fetch(`${target.url}/home`, { headers: { cookie: `oe_session=${session}` }, redirect: 'manual' });
    expect(replayed.headers.get('location')).toBe('/login?return_to=%2Fhome');
  });

  it('refuses a disabled seat with seat-disabled', async () => {
    const account = await target.createAccount({
      name: 'Disabled',
      seats: [
        { name: 'Ada', email: 'ada@disabled.example', role: 'admin', password: 'ada-password-1' },
        { name: 'Dee', email: 'dee@disabled.example', role: 'user', password: 'dee-password-1', disabled: true },
      ],
    });
    const browser = new TestBrowser(target.url);
    const response = await browser.submit('/login/password', '/login/password', {
      email: 'dee@disabled.example',
      password: 'dee-password-1',
      account: String(account.accountId),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-oe-reason')).toBe('seat-disabled');
  });
});
