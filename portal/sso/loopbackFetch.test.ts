import { createServer } from 'node:http';
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
    // IPv4-mapped loopback is loopback (one rule, lib/net.ts); a mapped outside address is not.
    ['[::ffff:127.0.0.1]', true],
    ['[::ffff:10.0.0.1]', false],
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

describe('loopbackFetch redirects', () => {
  /** A loopback server: /moved redirects to `to` (a path or a URL on another host name), /doc answers "document". */
  async function serverRedirectingTo(to: (port: number) => string): Promise<{ url: string; close(): Promise<void> }> {
    const server = createServer((req, res) => {
      if (req.url === '/moved') res.writeHead(302, { location: to((server.address() as { port: number }).port) }).end();
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('document');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    return {
      url: `http://127.0.0.1:${port}/moved`,
      close: () =>
        new Promise((resolve) => {
          server.close(() => resolve());
        }),
    };
  }

  it('follows a redirect on the same host', async () => {
    const server = await serverRedirectingTo(() => '/doc');
    try {
      expect(await (await loopbackFetch(server.url)).text()).toBe('document');
    } finally {
      await server.close();
    }
  });

  it('refuses a redirect to another host name of this machine, unless the policy (a defect switch) allows any host', async () => {
    const server = await serverRedirectingTo((port) => `http://localhost:${port}/doc`);
    try {
      await expect(loopbackFetch(server.url)).rejects.toThrow(
        /redirected to another host \(localhost:\d+\); a redirect is followed on the same host only/,
      );
      expect((await loopbackFetch(server.url, {}, { anyHost: true })).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
