import { describe, expect, it } from 'vitest';
import { mayLoad } from './browser.ts';
import { displayAvailable } from './display.ts';

describe('repro browser guards', () => {
  it.each([
    ['http://127.0.0.1:4100/okta/x', true],
    ['http://localhost:8080/login', true],
    ['http://[::1]:9000/', true],
    ['data:text/html,hi', true],
    ['https://oe-old.example.com/saml/acs', false],
    ['https://login.microsoftonline.com/common/v2.0', false],
    ['http://127.0.0.2/', true],
    ['http://127.0.0.1.example.com/', false],
  ])('%s may be loaded: %s', (url, expected) => {
    expect(mayLoad(new URL(url))).toBe(expected);
  });

  it.each([
    [{ DISPLAY: ':0' }, 'linux', true],
    [{ WAYLAND_DISPLAY: 'wayland-0' }, 'linux', true],
    [{}, 'linux', false],
    [{ DISPLAY: '' }, 'linux', false],
    [{}, 'darwin', true],
    [{}, 'win32', true],
  ] as const)('display with %j on %s: %s', (env, platform, expected) => {
    expect(displayAvailable(env, platform)).toBe(expected);
  });
});
