import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { isCredentialCookie, tapTokenResponses, type TokenTap } from './tokenTap.ts';

const TOKENS = { id_token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZGEifQ.sig', access_token: 'at-123456789', token_type: 'Bearer' };

function tokenServer(): Promise<{ server: Server; url: string; port: number }> {
  const server = createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    if (request.url === '/tenant/oauth2/v2.0/token' && request.method === 'POST') {
      // Written in two chunks, as a streaming framework may do.
      const body = JSON.stringify(TOKENS);
      response.setHeader('set-cookie', [
        'sid=server-session-0123456789; Path=/; HttpOnly',
        'ESTSAUTH_resume=uid-in-the-url-0123456789; Path=/',
        'flag=1; Path=/',
      ]);
      response.write(body.slice(0, 10));
      response.end(body.slice(10));
    } else {
      response.end(JSON.stringify({ error: 'invalid_client', id_token: 'not-from-a-token-endpoint' }));
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}`, port });
    });
  });
}

const servers: Server[] = [];
let tap: TokenTap | undefined;
afterEach(async () => {
  tap?.stop();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('tapTokenResponses', () => {
  it('sees the token endpoint answers of its server only, and passes them on unchanged', async () => {
    const idp = await tokenServer();
    const other = await tokenServer();
    servers.push(idp.server, other.server);
    tap = tapTokenResponses({ port: idp.port });
    const answer = await fetch(`${idp.url}/tenant/oauth2/v2.0/token`, { method: 'POST', body: 'grant_type=authorization_code' });
    expect(await answer.json()).toEqual(TOKENS);
    await fetch(`${idp.url}/tenant/oauth2/v2.0/authorize`, { method: 'POST' }).then((r) => r.text());
    await fetch(`${idp.url}/tenant/oauth2/v2.0/token`).then((r) => r.text());
    await fetch(`${other.url}/tenant/oauth2/v2.0/token`, { method: 'POST' }).then((r) => r.text());
    expect(tap.responses()).toEqual([
      { path: '/tenant/oauth2/v2.0/token', status: 200, idToken: TOKENS.id_token, accessToken: TOKENS.access_token },
    ]);
  });

  it('reports the credentials crossing the server: Basic client secret, Bearer token, cookies sent and set', async () => {
    const idp = await tokenServer();
    servers.push(idp.server);
    const seen: Array<[string, string]> = [];
    tap = tapTokenResponses({ port: idp.port, onCredential: (kind, value) => seen.push([kind, value]) });
    const basic = Buffer.from(`client-1:${encodeURIComponent('s3cret/+value')}`).toString('base64');
    await fetch(`${idp.url}/tenant/oauth2/v2.0/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        cookie:
          'oe_session=abc%2Fdef0123456789xyz; ESTSAUTH_interaction=uid-in-the-url-0123456789; chooser=ada%40corp.example%7Cbob%40corp.example',
      },
    }).then((r) => r.text());
    await fetch(`${idp.url}/api/me`, { headers: { authorization: 'Bearer native-access-token' } }).then((r) => r.text());
    expect(seen).toEqual([
      ['client-secret', 's3cret/+value'],
      ['session-cookie', 'abc/def0123456789xyz'],
      ['session-cookie', 'server-session-0123456789'],
      ['token', 'native-access-token'],
    ]);
  });

  it.each([
    ['oe_session', 'b7AszCF3bP3ySlcb0BnL6AwUMXbclt', true],
    ['ESTSAUTH_interaction', 'b7AszCF3bP3ySlcb0BnL6AwUMXbclt', false],
    ['chooser', 'ada@corp.example|bob@corp.example', false],
    ['flag', '1', false],
    ['theme', 'dark-high-contrast', false],
  ])('cookie %s=%s is a credential: %s', (name, value, credential) => {
    expect(isCredentialCookie(name, value)).toBe(credential);
  });

  it('stops seeing answers once stopped', async () => {
    const idp = await tokenServer();
    servers.push(idp.server);
    tap = tapTokenResponses({ port: idp.port });
    tap.stop();
    await fetch(`${idp.url}/tenant/oauth2/v2.0/token`, { method: 'POST' }).then((r) => r.text());
    expect(tap.responses()).toEqual([]);
  });
});
