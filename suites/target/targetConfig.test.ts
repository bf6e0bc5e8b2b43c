import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTargetConfig, TargetConfigError } from './targetConfig.ts';

const dir = mkdtempSync(join(tmpdir(), 'target-config-'));
const file = (name: string, content: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const VALID = {
  name: 'staging',
  baseUrl: 'http://127.0.0.1:8080/',
  admin: { email: 'a@x.test', password: 'p' },
  support: { email: 's@x.test', password: 'q' },
  provisioning: { token: 'harness-token-0123456789' },
};

describe('loadTargetConfig', () => {
  it('defaults to the embedded reference portal, with defect switches from the environment', () => {
    expect(loadTargetConfig({})).toEqual({ kind: 'embedded', defects: [] });
    expect(loadTargetConfig({ SSO_HARNESS_TARGET: 'embedded', SSO_HARNESS_PORTAL_DEFECTS: 'saml-skip-audience, oidc-skip-nonce' })).toEqual(
      { kind: 'embedded', defects: ['saml-skip-audience', 'oidc-skip-nonce'] },
    );
  });

  it('reads a remote target file; the provisioning API defaults to baseUrl', () => {
    const path = file('ok.json', VALID);
    expect(loadTargetConfig({ SSO_HARNESS_TARGET: path })).toEqual({
      kind: 'remote',
      file: path,
      name: 'staging',
      baseUrl: 'http://127.0.0.1:8080',
      admin: VALID.admin,
      support: VALID.support,
      provisioning: { url: 'http://127.0.0.1:8080', token: 'harness-token-0123456789' },
      selectors: {},
      capabilities: { reasons: { audit: false }, ssoConfigApi: false },
    });
  });

  it('reads what the target declares: session cookie, where reasons are named, its words mapped, the fast SSO endpoint', () => {
    const path = file('capabilities.json', {
      ...VALID,
      provisioning: { token: 't', ssoConfig: true },
      sessionCookie: 'SID',
      reasons: { header: 'X-Why', attribute: 'data-problem', audit: true },
      audit: { actions: { SSO_ON: 'sso.enabled' }, reasons: { AUD_MISMATCH: 'saml-audience-mismatch' } },
      seatAuditKinds: { Doubled: 'duplicate-email' },
    });
    const config = loadTargetConfig({ SSO_HARNESS_TARGET: path });
    expect(config.kind === 'remote' && config.capabilities).toEqual({
      sessionCookie: 'SID',
      reasons: { header: 'X-Why', attribute: 'data-problem', audit: true },
      audit: { actions: new Map([['SSO_ON', 'sso.enabled']]), reasons: new Map([['AUD_MISMATCH', 'saml-audience-mismatch']]) },
      seatAuditKinds: new Map([['Doubled', 'duplicate-email']]),
      ssoConfigApi: true,
    });
  });

  it('takes "admin" as optional: it is checked by the preflight only', () => {
    const { admin: _left, ...withoutAdmin } = VALID;
    expect(loadTargetConfig({ SSO_HARNESS_TARGET: file('no-admin.json', withoutAdmin) })).toMatchObject({
      kind: 'remote',
      admin: undefined,
    });
  });

  it('reads a provisioning API served elsewhere, and selector overrides', () => {
    const path = file('elsewhere.json', {
      ...VALID,
      provisioning: { url: 'http://127.0.0.1:9090/', token: 't' },
      selectors: { saveSso: 'Save' },
    });
    expect(loadTargetConfig({ SSO_HARNESS_TARGET: path })).toMatchObject({
      provisioning: { url: 'http://127.0.0.1:9090', token: 't' },
      selectors: { saveSso: 'Save' },
    });
  });

  it('leaves a missing "provisioning" to the preflight, which explains what it is for', () => {
    const { provisioning: _left, ...withoutProvisioning } = VALID;
    expect(loadTargetConfig({ SSO_HARNESS_TARGET: file('none.json', withoutProvisioning) })).toMatchObject({
      kind: 'remote',
      provisioning: undefined,
    });
  });

  it.each([
    ['a missing file', join(dir, 'nope.json'), 'does not exist'],
    ['invalid JSON', file('bad.json', '{ nope'), 'is not valid JSON'],
    ['a JSON array', file('array.json', '[]'), 'the file must hold one JSON object'],
    ['missing fields', file('empty.json', {}), '"baseUrl" must be a non-empty string'],
    [
      'a bad URL',
      file('url.json', { ...VALID, baseUrl: 'oe.example.test' }),
      '"baseUrl" must be an http(s) URL such as "http://127.0.0.1:8080", not "oe.example.test"',
    ],
    [
      'an empty password',
      file('password.json', { ...VALID, admin: { email: 'a@x.test', password: '' } }),
      '"admin" must be { "email": "...", "password": "..." } (both non-empty)',
    ],
    ['the retired accountId', file('account.json', { ...VALID, accountId: 7 }), '"accountId" is no longer used'],
    ['a misspelt setting', file('typo.json', { ...VALID, provisoning: {} }), 'unknown settings "provisoning"'],
    [
      'provisioning without a token',
      file('token.json', { ...VALID, provisioning: { url: 'http://127.0.0.1:1' } }),
      '"provisioning.token" must be a non-empty string',
    ],
    [
      'provisioning with a bad url',
      file('purl.json', { ...VALID, provisioning: { url: 'localhost', token: 't' } }),
      '"provisioning.url" must be an http(s) URL',
    ],
    [
      'provisioning with an unknown key',
      file('pkey.json', { ...VALID, provisioning: { token: 't', bearer: 'x' } }),
      'unknown "provisioning.bearer"',
    ],
    [
      'a selector that is not a string',
      file('sel.json', { ...VALID, selectors: { saveSso: 3 } }),
      '"selectors" must map names to non-empty strings',
    ],
    [
      'an unknown selector name',
      file('selname.json', { ...VALID, selectors: { emailField: 'Email' } }),
      '"selectors" has unknown names "emailField"',
    ],
    [
      'a mapping to an unknown reason code',
      file('reason.json', { ...VALID, audit: { reasons: { AUD: 'audience-wrong' } } }),
      '"audit.reasons" maps to unknown harness words "AUD" → "audience-wrong"',
    ],
    [
      'a mapping to an unknown action',
      file('action.json', { ...VALID, audit: { actions: { SAVED: 'sso.saved' } } }),
      '"audit.actions" maps to unknown harness words "SAVED" → "sso.saved"',
    ],
    [
      'a mapping to an unknown seat audit kind',
      file('kind.json', { ...VALID, seatAuditKinds: { Doubled: 'duplicate' } }),
      '"seatAuditKinds" maps to unknown harness words "Doubled" → "duplicate"',
    ],
    [
      'reasons read from an audit the file does not describe',
      file('noaudit.json', { ...VALID, reasons: { audit: true } }),
      '"reasons.audit" is true but there is no "audit" setting',
    ],
    [
      'a reason header that is not a header name',
      file('header.json', { ...VALID, reasons: { header: 'X Why' } }),
      '"reasons.header" must be a response header name',
    ],
    ['an unknown reasons setting', file('rkey.json', { ...VALID, reasons: { body: true } }), 'unknown settings "reasons.body"'],
    [
      'a session cookie that is not a cookie name',
      file('cookie.json', { ...VALID, sessionCookie: 'my session' }),
      '"sessionCookie" must be the name of the OE\'s seat session cookie',
    ],
    [
      'an ssoConfig that is not a boolean',
      file('fast.json', { ...VALID, provisioning: { token: 't', ssoConfig: 'yes' } }),
      '"provisioning.ssoConfig" must be true',
    ],
  ])('names the setting to fix for %s', (_case, path, message) => {
    expect(() => loadTargetConfig({ SSO_HARNESS_TARGET: path })).toThrow(TargetConfigError);
    expect(() => loadTargetConfig({ SSO_HARNESS_TARGET: path })).toThrow(message);
  });

  it('refuses defect switches with a remote target: they exist only in the embedded portal', () => {
    const path = file('defects.json', VALID);
    expect(() => loadTargetConfig({ SSO_HARNESS_TARGET: path, SSO_HARNESS_PORTAL_DEFECTS: 'saml-skip-audience' })).toThrow(
      `SSO_HARNESS_PORTAL_DEFECTS is set (saml-skip-audience) but the target is the remote OE environment of ${path}: defect switches exist only in the embedded reference portal`,
    );
  });

  it('never repeats a password or token in its messages', () => {
    const path = file('secret.json', {
      ...VALID,
      baseUrl: 'nope',
      admin: { email: 'a@x.test', password: 'pw-SECRET-1' },
      provisioning: { token: 'tok-SECRET-2', url: 'bad' },
    });
    expect(() => loadTargetConfig({ SSO_HARNESS_TARGET: path })).toThrow(TargetConfigError);
    try {
      loadTargetConfig({ SSO_HARNESS_TARGET: path });
    } catch (error) {
      expect((error as Error).message).not.toMatch(/SECRET/);
    }
  });
});
