// How a native app gets the authorization response back from the browser (RFC 8252 §7):
// the desktop app listens on a loopback port of its own (§7.3), the mobile app is handed the
// private-use scheme URL by the OS when its in-app browser tab navigates to it (§7.1).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Page, Request } from '@playwright/test';
import { escapeHtml, closeServer, listenOnLoopback } from '../../lib/index.ts';

export interface AppRedirectReceiver {
  /** The redirect URI the app registers in its authorization request. */
  readonly redirectUri: string;
  /** Whether anything came back to the app yet. */
  readonly received: boolean;
  /** The first redirect to reach the app; rejects with `whenLate()` if none within `ms`. */
  next(ms: number, whenLate: () => string): Promise<URL>;
  /** Stop listening (RFC 8252 §7.3: the listener lives for one login); safe to call again. */
  close(): Promise<void>;
}

/** A promise settled from outside (an event handler), awaited with a failure deadline. */
class Arrival<T> {
  #value: T | undefined;
  #waiters: Array<(value: T) => void> = [];

  get arrived(): boolean {
    return this.#value !== undefined;
  }

  settle(value: T): void {
    if (this.#value !== undefined) return;
    this.#value = value;
    for (const waiter of this.#waiters.splice(0)) waiter(value);
  }

  within(ms: number, whenLate: () => string): Promise<T> {
    if (this.#value !== undefined) return Promise.resolve(this.#value);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(whenLate())), ms);
      this.#waiters.push((value) => {
        clearTimeout(timer);
        resolve(value);
      });
    });
  }
}

/** RFC 8252 §7.3: an HTTP listener on 127.0.0.1, on a port the OS picks, for this one login. */
export async function listenForLoopbackRedirect(appName: string, path = '/oauth2redirect'): Promise<AppRedirectReceiver> {
  const arrival = new Arrival<URL>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', base);
    if (req.method !== 'GET' || url.pathname !== path) {
      res
        .writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
        .end(`The ${appName} only listens for its login redirect at ${path}.`);
      return;
    }
    arrival.settle(url);
    // What the person sees in the browser tab the app opened; the code itself is never echoed.
    const failed = url.searchParams.get('error');
    const heading = failed === null ? `You are signed in to the ${appName}` : `The ${appName} could not sign you in`;
    const text =
      failed === null
        ? 'You can close this tab and go back to the app.'
        : `The portal answered "${failed}". Go back to the app and try again.`;
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      .end(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(appName)}</title></head><body><main><h1>${escapeHtml(heading)}</h1><p>${escapeHtml(text)}</p></main></body></html>`,
      );
  });
  const base = await listenOnLoopback(server, 0, `${appName} login redirect listener`);
  let closed: Promise<void> | undefined;
  return {
    redirectUri: `${base}${path}`,
    get received() {
      return arrival.arrived;
    },
    next: (ms, whenLate) => arrival.within(ms, whenLate),
    close: () => (closed ??= closeServer(server)),
  };
}

/**
 * RFC 8252 §7.1: the OS hands a navigation to the app's private-use scheme to the app. In
 * Chromium such a navigation is a request the network stack cannot serve (it is aborted), but
 * Playwright reports it, so the in-app browser tab's request event is where the app receives it.
 * (Routes cannot intercept non-HTTP schemes, and an installed route stops the request from being reported.)
 */
export function catchSchemeRedirect(tab: Page, redirectUri: string): AppRedirectReceiver {
  const scheme = new URL(redirectUri).protocol;
  const arrival = new Arrival<URL>();
  const onRequest = (request: Request): void => {
    const url = request.url();
    if (url.startsWith(scheme)) arrival.settle(new URL(url));
  };
  tab.on('request', onRequest);
  return {
    redirectUri,
    get received() {
      return arrival.arrived;
    },
    next: (ms, whenLate) => arrival.within(ms, whenLate),
    close: () => {
      tab.off('request', onRequest);
      return Promise.resolve();
    },
  };
}
