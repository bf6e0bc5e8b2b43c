import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { generateKeyPair, exportJWK } from 'jose';
import { clearJwksCache, findSigningKey } from './jwks.ts';

/** A loopback JWKS: /moved answers 302 to the same set on the other host name of this machine, /jwks answers it. */
async function movedJwks(): Promise<{ url: string; close(): Promise<void> }> {
  const { publicKey } = await generateKeyPair('RS256');
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', use: 'sig', alg: 'RS256' }] });
  const server = createServer((req, res) => {
    if (req.url === '/moved')
      res.writeHead(302, { location: `http://localhost:${(server.address() as { port: number }).port}/jwks` }).end();
    else res.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
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

describe('findSigningKey: a redirect of the JWKS URL', () => {
  afterEach(() => clearJwksCache());

  it("to another host is refused (the keys would be whoever answers the redirect's); the jwks-redirect-any-host switch follows it", async () => {
    const server = await movedJwks();
    try {
      await expect(findSigningKey(server.url, 'k1')).rejects.toThrow(
        /redirected to another host \(localhost:\d+\); a redirect is followed on the same host only/,
      );
      const followed = await findSigningKey(server.url, 'k1', { anyHost: true });
      expect(followed.ok).toBe(true);
    } finally {
      await server.close();
    }
  });
});
