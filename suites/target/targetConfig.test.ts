import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTargetConfig, TargetConfigError } from './targetConfig.ts';

const dir = mkdtempSync(join(tmpdir(), 'target-config-'));
const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('loadTargetConfig', () => {
  it('defaults to the embedded reference portal, with defect switches from the environment', () => {
    expect(loadTargetConfig({})).toEqual({ kind: 'embedded', defects: [] });
    expect(loadTargetConfig({ SSO_HARNESS_TARGET: 'embedded', SSO_HARNESS_PORTAL_DEFECTS: 'saml-skip-audience, oidc-skip-nonce' }))
      .toEqual({ kind: 'embedded', defects: ['saml-skip-audience', 'oidc-skip-nonce'] });
  });

  it('reads a remote target file', () => {
    const path = file('ok.json', JSON.stringify({ name: 'staging', baseUrl: 'https://oe.example.test/', accountId: 7, admin: { email: 'a@x.test', password: 'p' }, support: { email: 's@x.test', password: 'q' } }));
    expect(loadTargetConfig({ SSO_HARNESS_TARGET: path })).toMatchObject({ kind: 'remote', baseUrl: 'https://oe.example.test', accountId: 7, selectors: {} });
  });

  it.each([
    ['a missing file', join(dir, 'nope.json'), 'does not exist'],
    ['invalid JSON', file('bad.json', '{ nope'), 'is not valid JSON'],
    ['missing fields', file('empty.json', '{}'), '"baseUrl" must be a non-empty string'],
    ['a bad URL', file('url.json', JSON.stringify({ name: 'x', baseUrl: 'oe.example.test', accountId: 1, admin: { email: 'a', password: 'b' }, support: { email: 'a', password: 'b' } })), '"baseUrl" must be an http(s) URL'],
  ])('names the setting to fix for %s', (_case, path, message) => {
    expect(() => loadTargetConfig({ SSO_HARNESS_TARGET: path })).toThrow(TargetConfigError);
    expect(() => loadTargetConfig({ SSO_HARNESS_TARGET: path })).toThrow(message);
  });
});
