// fetch() for every HTTP client of the harness (the HTTP-level browsers, the provisioning and
// control API clients, the target preflight, the native app client) and of the reference portal's
// server-side fetches: each request on a connection of its own, never a kept-alive one.
//
// Why: a client that reuses an idle keep-alive connection races the server closing it (Node's
// servers close idle connections after 5 s; a foreign OE after whatever it chose). When the
// server's close and the client's next request cross — likeliest on a loaded machine, where timers
// fire late — the request dies with ECONNRESET / "other side closed" although nothing is wrong
// (issue 13: `fetch failed … read ECONNRESET` in a matrix set-up under load). Retrying would
// re-send a SAMLResponse or an authorization code a second time (a replay the SP must refuse), so
// the race is removed at its root instead: no connection is ever reused. On loopback a new TCP
// connection costs a fraction of a millisecond.
//
// It is Node's own fetch (its Response, which libraries such as openid-client check with
// instanceof), given an undici dispatcher of the same major version as the undici inside Node 22.
//
// undici is loaded on the first request, not when this module is: everything that reads lib/'s door
// (the persona data, the fault catalog, a small CLI command) would otherwise pay for it.
import type { Dispatcher } from 'undici';

// `pipelining: 0` turns keep-alive off: the socket is closed after each response, never reused.
let freshConnections: Promise<Dispatcher> | undefined;

/** fetch(), each request on a new connection (see above). Same arguments and Response as the global fetch. */
export async function freshConnectionFetch(input: string | URL, init: RequestInit = {}): Promise<Response> {
  freshConnections ??= import('undici').then(({ Agent }) => new Agent({ pipelining: 0 }));
  return fetch(input, { ...init, dispatcher: await freshConnections } as RequestInit);
}
