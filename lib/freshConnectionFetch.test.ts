import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshConnectionFetch } from './freshConnectionFetch.ts';

// A server that loses the keep-alive race on purpose: the second request that arrives on a socket
// finds it being closed (as when the server's idle timeout fires while the client sends).
let server: Server;
let base: string;
beforeAll(async () => {
  const served = new WeakMap<Socket, number>();
  server = createServer((req, res) => {
    const count = (served.get(req.socket) ?? 0) + 1;
    served.set(req.socket, count);
    if (count > 1) {
      req.socket.destroy();
      return;
    }
    req.resume();
    req.on('end', () =>
      res.writeHead(200, { 'content-type': 'text/plain', connection: 'keep-alive', 'keep-alive': 'timeout=60' }).end('ok'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** One turn of the event loop: a client that keeps connections alive has put the first one back in its pool. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('freshConnectionFetch: no request ever rides a connection the server may be closing', () => {
  it('the race is real for a client that reuses connections (the global fetch: the second POST dies)', async () => {
    expect(await (await fetch(`${base}/a`, { method: 'POST', body: 'x=1' })).text()).toBe('ok');
    await nextTurn();
    await expect(fetch(`${base}/b`, { method: 'POST', body: 'x=2' })).rejects.toThrow(/fetch failed/);
  });

  it('every GET and POST succeeds, each on a new connection', async () => {
    for (const method of ['GET', 'POST', 'GET', 'POST', 'POST']) {
      const response = await freshConnectionFetch(`${base}/c`, {
        method,
        ...(method === 'POST' ? { body: 'x=3', headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {}),
      });
      expect([response.status, await response.text()]).toEqual([200, 'ok']);
      await nextTurn();
    }
  });

  it('answers as the global fetch does (its Response class, for libraries that check it): headers, set-cookie list', async () => {
    const response = await freshConnectionFetch(`${base}/d`, { redirect: 'manual' });
    expect(response).toBeInstanceOf(Response);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(Array.isArray(response.headers.getSetCookie())).toBe(true);
  });
});
