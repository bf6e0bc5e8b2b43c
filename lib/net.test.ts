import { describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import { closeServer, isLoopbackAddress, isLoopbackHost, isLoopbackHttpUrl, listenOnLoopback, PortInUseError } from './net.ts';

describe('listenOnLoopback', () => {
  it('binds a free loopback port and reports a clear error when the port is taken', async () => {
    const first = createServer();
    const url = await listenOnLoopback(first, 0, 'first server');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const port = Number(new URL(url).port);
    const second = createServer();
    const error = await listenOnLoopback(second, port, 'The portal').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortInUseError);
    expect((error as Error).message).toContain(`127.0.0.1:${port}: the port is already in use`);
    expect((error as Error).message).toContain('--port');
    await closeServer(first);
  });
});

describe('the loopback rule', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['[::1]', true],
    ['localhost', true],
    ['LOCALHOST', true],
    ['10.0.0.1', false],
    ['oe.example.com', false],
    ['128.0.0.1', false],
    ['localhost.example.com', false],
    ['[::2]', false],
  ])('host %s → %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });

  it.each([
    ['127.0.0.1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['::ffff:7f01:203', true],
    ['::ffff:a00:1', false],
    ['ffff:7f00:1', false],
    ['127.0.0.1.example', false],
    ['::1', true],
    ['0:0:0:0:0:0:0:1', true],
    ['::ffff:10.0.0.1', false],
    ['10.0.0.1', false],
    ['::', false],
    ['fe80::1', false],
  ])('address %s → %s', (address, loopback) => {
    expect(isLoopbackAddress(address)).toBe(loopback);
  });

  it.each([
    ['http://127.0.0.1:1/x', true],
    ['http://localhost/x', true],
    ['https://[::1]:8/x', true],
    ['http://127.0.0.2/', true],
    ['https://evil.example/x', false],
    ['com.ooma.enterprise:/cb', false],
    ['file:///etc/hostname', false],
    ['ws://127.0.0.1/', false],
  ])('URL %s is loopback HTTP: %s', (url, loopback) => {
    expect(isLoopbackHttpUrl(new URL(url))).toBe(loopback);
  });
});
