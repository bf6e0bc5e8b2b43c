import { describe, expect, it } from 'vitest';
import { checkRedirectUri, type NativeClientId } from './clients.ts';

const none = new Set<string>();

describe('native client redirect URIs (RFC 8252)', () => {
  it.each<[NativeClientId, string]>([
    ['oe-desktop', 'http://127.0.0.1:51234/callback'],
    ['oe-desktop', 'http://127.0.0.1:8/'],
    ['oe-desktop', 'http://[::1]:60000/oauth'],
    ['oe-mobile', 'com.ooma.enterprise:/oauth2redirect'],
    // RFC 3986 §3.1: the scheme compares case-insensitively (the portal once refused this).
    ['oe-mobile', 'COM.Ooma.Enterprise:/oauth2redirect'],
    ['oe-desktop', 'HTTP://127.0.0.1:51234/callback'],
  ])('%s accepts %s', (client, uri) => {
    expect(checkRedirectUri(client, uri, none)).toEqual({ ok: true, uri });
  });

  it.each<[NativeClientId, string, string]>([
    ['oe-desktop', 'http://localhost:5000/cb', 'use the loopback IP literal 127.0.0.1 (or [::1]), not "localhost" (RFC 8252 §8.3).'],
    ['oe-desktop', 'https://127.0.0.1:5000/cb', 'the desktop app must use an http loopback redirect (RFC 8252 §7.3), not https:.'],
    [
      'oe-desktop',
      'http://evil.example:5000/cb',
      'the desktop app may only redirect to the loopback interface 127.0.0.1 or [::1], not evil.example.',
    ],
    [
      'oe-desktop',
      'http://127.0.0.1.evil.example/cb',
      'the desktop app may only redirect to the loopback interface 127.0.0.1 or [::1], not 127.0.0.1.evil.example.',
    ],
    ['oe-desktop', 'http://user:pw@127.0.0.1:5000/cb', 'redirect_uri must not carry a user name or password.'],
    ['oe-desktop', 'http://127.0.0.1:5000/cb#frag', 'redirect_uri must not contain a fragment (RFC 6749 §3.1.2).'],
    [
      'oe-mobile',
      'com.ooma.enterprise.evil:/cb',
      'the mobile app must use its private-use scheme com.ooma.enterprise: (RFC 8252 §7.1), not com.ooma.enterprise.evil:.',
    ],
    [
      'oe-mobile',
      'COM.OOMA.ENTERPRISE://host/cb',
      'write the redirect as com.ooma.enterprise:/path, with a single slash after the scheme (RFC 8252 §7.1).',
    ],
    [
      'oe-desktop',
      'http://127.0.0.10:5000/cb',
      'the desktop app may only redirect to the loopback interface 127.0.0.1 or [::1], not 127.0.0.10.',
    ],
    [
      'oe-mobile',
      'com.evil.app:/cb',
      'the mobile app must use its private-use scheme com.ooma.enterprise: (RFC 8252 §7.1), not com.evil.app:.',
    ],
    [
      'oe-mobile',
      'com.ooma.enterprise://host/cb',
      'write the redirect as com.ooma.enterprise:/path, with a single slash after the scheme (RFC 8252 §7.1).',
    ],
    [
      'oe-mobile',
      'http://127.0.0.1:5000/cb',
      'the mobile app must use its private-use scheme com.ooma.enterprise: (RFC 8252 §7.1), not http:.',
    ],
    ['oe-mobile', 'not a uri', 'redirect_uri "not a uri" is not an absolute URI.'],
  ])('%s refuses %s', (client, uri, problem) => {
    expect(checkRedirectUri(client, uri, none)).toEqual({ ok: false, problem });
  });

  it('the native-redirect-uri-prefix switch accepts what merely starts like the rule', () => {
    const defect = new Set(['native-redirect-uri-prefix']);
    expect(checkRedirectUri('oe-desktop', 'http://127.0.0.10:5000/cb', defect)).toMatchObject({ ok: true });
    expect(checkRedirectUri('oe-mobile', 'com.ooma.enterprise.evil:/cb', defect)).toMatchObject({ ok: true });
    expect(checkRedirectUri('oe-desktop', 'https://127.0.0.1:5000/cb', defect)).toMatchObject({ ok: false });
  });

  it('accepts any absolute URI only with the native-any-redirect-uri defect switch', () => {
    expect(checkRedirectUri('oe-desktop', 'https://evil.example/steal', new Set(['native-any-redirect-uri']))).toEqual({
      ok: true,
      uri: 'https://evil.example/steal',
    });
  });
});
