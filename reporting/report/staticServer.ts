// The reports over HTTP on loopback (`sso-harness report`): the Allure 3 report only works when
// served (it fetches its data), and one origin lets the certification report's evidence links and
// the Playwright report open from the same place. Read-only, GET/HEAD only, nothing outside the
// directory served.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { closeServer, listenOnLoopback } from '../../lib/index.ts';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.zip': 'application/zip',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

/** The file under `root` a URL path names, or undefined when it leaves `root` or does not exist (a directory gives its index.html). */
export function fileFor(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return undefined;
  }
  const base = resolve(root);
  const path = normalize(join(base, decoded));
  if (path !== base && !path.startsWith(base + sep)) return undefined;
  if (!existsSync(path)) return undefined;
  const file = statSync(path).isDirectory() ? join(path, 'index.html') : path;
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}

export interface ReportServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function serveReports(root: string, port = 0): Promise<ReportServer> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const file = fileFor(root, req.url ?? '/');
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`Not found in ${root}: ${req.url ?? '/'}\n`);
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  const url = await listenOnLoopback(server, port, 'The report server');
  return { url, close: () => closeServer(server) };
}
