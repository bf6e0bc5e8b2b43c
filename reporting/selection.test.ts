import { describe, expect, it } from 'vitest';
import { SelectionError, parseList, selectedPersonaIds, selectionEnv, selectionFromEnv, titleGrep, VENDORS } from './selection.ts';

describe('parseList', () => {
  it('normalises case, spaces and duplicates', () => {
    expect(parseList('vendors', ' Okta, entra,okta ', VENDORS)).toEqual(['okta', 'entra']);
  });

  it.each([
    ['okta,ping', '--vendors does not know "ping": choose from entra, okta, google, auth0 (comma-separated).'],
    [',', '--vendors is empty: choose from entra, okta, google, auth0 (comma-separated).'],
  ])('refuses %s', (value, message) => {
    expect(() => parseList('vendors', value, VENDORS)).toThrow(new SelectionError(message));
  });

  it('is undefined when the option is absent', () => {
    expect(parseList('vendors', undefined, VENDORS)).toBeUndefined();
  });
});

describe('titleGrep', () => {
  it('matches the titles of the selected personas only', () => {
    const grep = new RegExp(titleGrep({ vendors: ['okta'], protocols: ['saml'] })!);
    expect(grep.test('Okta (SAML): set up, enable, lock out (acs-url-changed), support recovery, re-enable')).toBe(true);
    expect(grep.test('saml.audience-mismatch × okta-saml')).toBe(true);
    expect(grep.test('Okta (OIDC): set up, enable')).toBe(false);
    expect(grep.test('saml.audience-mismatch × okta-saml-extra')).toBe(false);
    expect(grep.test('Microsoft Entra ID (SAML): set up')).toBe(false);
  });

  it('selects everything without a filter', () => {
    expect(titleGrep({})).toBeUndefined();
    expect(titleGrep({ entryPoints: ['web'] })).toBeUndefined();
  });
});

describe('environment hand-over to the specs', () => {
  it('round-trips the selection', () => {
    const env = selectionEnv({ vendors: ['okta', 'auth0'], entryPoints: ['mobile'] });
    expect(env).toEqual({ SSO_HARNESS_VENDORS: 'okta,auth0', SSO_HARNESS_ENTRY_POINTS: 'mobile' });
    expect(selectionFromEnv(env)).toEqual({ vendors: ['okta', 'auth0'], entryPoints: ['mobile'] });
    expect([...selectedPersonaIds(env)].sort()).toEqual(['auth0-oidc', 'auth0-saml', 'okta-oidc', 'okta-saml']);
  });
});
