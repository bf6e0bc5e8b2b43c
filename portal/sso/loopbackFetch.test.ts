import { describe, expect, it } from 'vitest';
import { checkLoopbackUrl, isLoopbackHost, loopbackFetch } from './loopbackFetch.ts';

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['localhost', true],
    ['LOCALHOST', true],
    ['[::1]', true],
    ['10.0.0.1', false],
    ['127.0.0.1.nip.io', false],
    ['localhost.example', false],
    ['[::ffff:127.0.0.1]', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });

  it('sees through odd IPv4 spellings, which URL normalises', () => {
    const check = checkLoopbackUrl('http://0x7f.1:8080/x');
    expect(check.ok && check.url.hostname).toBe('127.0.0.1');
  });
});

describe('loopbackFetch', () => {
  it('refuses a non-loopback URL before any connection is made', async () => {
    await expect(loopbackFetch('https://example.com/.well-known/openid-configuration')).rejects.toThrow(
      'Refused to fetch https://example.com: the URL points to example.com, which is not this machine. The reference portal runs offline and fetches only from loopback hosts (127.0.0.0/8, ::1, localhost).',
    );
  });
});
