import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpBrowser } from './httpBrowser.ts';

let server: Server;
let origin = '';
const posted: string[] = [];

function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', origin);
  let body = '';
  req.on('data', (chunk: Buffer) => {
    body += chunk.toString();
  });
  req.on('end', () => {
    switch (url.pathname) {
      case '/start':
        res.writeHead(303, { location: '/login', 'set-cookie': 'pending=p1; Path=/' }).end();
        return;
      case '/login':
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end(
            `<form method="post" action="/acs"><input type="hidden" name="SAMLResponse" value="x&amp;y"><label for="e">Email</label><input id="e" name="email"><button type="submit">Continue</button></form><p>${req.headers.cookie ?? ''}</p>`,
          );
        return;
      case '/acs':
        posted.push(body);
        res.writeHead(303, { location: '/home', 'set-cookie': ['session=s1; Path=/', 'pending=; Path=/; Max-Age=0'] }).end();
        return;
      case '/home':
        res.writeHead(200, { 'x-oe-reason': 'none' }).end(`home ${req.headers.cookie ?? ''}`);
        return;
      case '/keep':
        res.writeHead(307, { location: '/echo' }).end();
        return;
      case '/echo':
        res.writeHead(200).end(`${req.method ?? ''} ${body}`);
        return;
      case '/offsite':
        res.writeHead(302, { location: 'https://evil.example/phish' }).end();
        return;
      case '/app':
        res.writeHead(303, { location: `${origin}/callback?code=c1` }).end();
        return;
      case '/loop':
        res.writeHead(302, { location: '/loop' }).end();
        return;
      default:
        res.writeHead(404).end('not found');
    }
  });
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('HttpBrowser', () => {
  it('follows redirects, keeps cookies, records every hop and submits forms by button and input name', async () => {
    const browser = new HttpBrowser();
    const login = await browser.open(`${origin}/start`);
    expect(login.html).toContain('<p>pending=p1</p>');
    const home = await browser.submit(login, 'Continue', { email: 'bob@corp.example' });
    expect(posted.at(-1)).toBe('SAMLResponse=x%26y&email=bob%40corp.example');
    expect(home.html).toBe('home session=s1');
    expect(home.headers['x-oe-reason']).toBe('none');
    expect(browser.hops.map((hop) => `${hop.method} ${new URL(hop.url).pathname} ${hop.status}`)).toEqual([
      'GET /start 303',
      'GET /login 200',
      'POST /acs 303',
      'GET /home 200',
    ]);
    expect(browser.cookiesSet.map((entry) => entry.cookie)).toEqual([
      'pending=p1; Path=/',
      'session=s1; Path=/',
      'pending=; Path=/; Max-Age=0',
    ]);
  });

  it('keeps method and body on 307', async () => {
    const page = await new HttpBrowser().post(`${origin}/keep`, { a: '1' });
    expect(page.html).toBe('POST a=1');
  });

  it('never follows a redirect off loopback, and stops where the app takes over', async () => {
    const browser = new HttpBrowser({ stopAt: (url) => url.pathname === '/callback' });
    const offsite = await browser.open(`${origin}/offsite`);
    expect(offsite).toEqual({ url: 'https://evil.example/phish', status: 0, headers: {}, html: '', notFollowed: 'off-site' });
    expect(browser.offSite).toEqual(['https://evil.example/phish']);
    const app = await browser.open(`${origin}/app`);
    expect(app.notFollowed).toBe('stopped');
    expect(new URL(app.url).searchParams.get('code')).toBe('c1');
    await expect(browser.open('https://evil.example/')).resolves.toMatchObject({ notFollowed: 'off-site' });
  });

  it('gives up on redirect loops with the last hops named', async () => {
    await expect(new HttpBrowser().open(`${origin}/loop`)).rejects.toThrow(
      /^More than 20 redirects starting at http:\/\/127\.0\.0\.1:\d+\/loop: /,
    );
  });

  it('explains a missing button', async () => {
    const browser = new HttpBrowser();
    const page = await browser.open(`${origin}/login`);
    await expect(browser.submit(page, 'Sign in')).rejects.toThrow(
      `The page at ${origin}/login has no form with a "Sign in" button (status 200).`,
    );
  });
});
