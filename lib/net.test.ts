import { describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import { closeServer, isLoopbackHost, listenOnLoopback, PortInUseError } from './net.ts';

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

describe('isLoopbackHost', () => {
  it.each([['127.0.0.1', true], ['127.8.9.10', true], ['[::1]', true], ['localhost', true], ['10.0.0.1', false], ['oe.example.com', false], ['128.0.0.1', false]])('%s → %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});
