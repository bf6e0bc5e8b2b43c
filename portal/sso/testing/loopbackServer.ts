// A tiny loopback HTTP server for tests: routes map a path to a handler; every request is logged
// so tests can assert that nothing further was fetched.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback } from '../../../lib/index.ts';

export type Route = (request: IncomingMessage, body: string, response: ServerResponse) => void;

export interface TestServer {
  readonly url: string;
  /** Method and path of every request, in order. */
  readonly requests: string[];
  route(path: string, handler: Route): void;
  close(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const routes = new Map<string, Route>();
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
      requests.push(`${request.method ?? 'GET'} ${path}`);
      const handler = routes.get(path);
      if (!handler) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      handler(request, Buffer.concat(chunks).toString('utf8'), response);
    });
  });
  const url = await listenOnLoopback(server, 0, 'test server');
  return { url, requests, route: (path, handler) => routes.set(path, handler), close: () => closeServer(server) };
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

export function sendText(response: ServerResponse, status: number, body: string, contentType = 'application/xml'): void {
  response.writeHead(status, { 'content-type': contentType }).end(body);
}
