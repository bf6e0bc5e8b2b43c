// The form posts a person's action sends, captured as the browser sent them, and sent again as
// someone else would: from an attacker's page (another origin on the same site, where SameSite
// cookies still go along, so only the anti-forgery token protects), or by a seat of the wrong role.
// Which fields are anti-forgery tokens is learnt, not assumed: the fields whose values differ
// between the same action done in two sessions.
import { expect, type BrowserContext, type Page, type Request } from '@playwright/test';
import { createServer } from 'node:net';
import { multipartBoundary, parseMultipart } from './multipartBody.ts';

/** A file field of a multipart form post, as sent. */
export interface FormFile {
  readonly name: string;
  readonly fileName: string;
  readonly contentType: string;
  /** The bytes, base64. */
  readonly content: string;
}

export interface FormPost {
  readonly url: string;
  /** How the form encoded its fields (multipart when it has a file input). */
  readonly enctype: 'application/x-www-form-urlencoded' | 'multipart/form-data';
  /** The text fields in order (a field may repeat). */
  readonly fields: readonly (readonly [string, string])[];
  /** File fields (multipart only; an empty file input is a file with an empty name). */
  readonly files: readonly FormFile[];
}

/** A form post as the browser sent it; undefined for other requests (not POST, another origin, a script's JSON). */
export function formPostOf(request: Request, origin: string): FormPost | undefined {
  if (request.method() !== 'POST' || new URL(request.url()).origin !== origin) return undefined;
  const type = request.headers()['content-type'] ?? '';
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return {
      url: request.url(),
      enctype: 'application/x-www-form-urlencoded',
      fields: [...new URLSearchParams(request.postData() ?? '')],
      files: [],
    };
  }
  const boundary = multipartBoundary(type);
  if (boundary === undefined) return undefined;
  const parts = parseMultipart(request.postDataBuffer() ?? Buffer.alloc(0), boundary);
  return {
    url: request.url(),
    enctype: 'multipart/form-data',
    fields: parts.filter((part) => part.fileName === undefined).map((part) => [part.name, part.content.toString('utf8')] as const),
    files: parts.flatMap((part) =>
      part.fileName === undefined
        ? []
        : [
            {
              name: part.name,
              fileName: part.fileName,
              contentType: part.contentType ?? 'application/octet-stream',
              content: part.content.toString('base64'),
            },
          ],
    ),
  };
}

/** Starts recording the form posts this page sends to `origin`; `stop()` returns them in order. */
export function recordFormPosts(page: Page, origin: string): { stop(): FormPost[] } {
  const posts: FormPost[] = [];
  const onRequest = (request: Request): void => {
    const post = formPostOf(request, origin);
    if (post) posts.push(post);
  };
  page.on('request', onRequest);
  return {
    stop() {
      page.off('request', onRequest);
      return posts;
    },
  };
}

/** The urlencoded posts `action` sends from `page` to `origin` (it must send at least one). */
export async function postsOf(page: Page, origin: string, action: () => Promise<unknown>): Promise<FormPost[]> {
  const recording = recordFormPosts(page, origin);
  await action();
  const posts = recording.stop();
  expect(
    posts.length,
    'the action sends at least one urlencoded form post (forms posted by scripts or as JSON are not covered)',
  ).toBeGreaterThan(0);
  return posts;
}

/** Names of the fields whose value differs between the same posts sent in two sessions: the session-bound ones (anti-forgery tokens). */
export function sessionBoundFields(first: readonly FormPost[], second: readonly FormPost[]): Set<string> {
  if (
    first.length !== second.length ||
    first.some((post, index) => new URL(post.url).pathname !== new URL(second[index]?.url ?? 'x:').pathname)
  ) {
    throw new Error(
      `The same action sent different posts in two sessions (${first.map((p) => new URL(p.url).pathname).join(', ')} vs ${second.map((p) => new URL(p.url).pathname).join(', ')}): its anti-forgery fields cannot be told apart.`,
    );
  }
  const bound = new Set<string>();
  first.forEach((post, index) => {
    const other = second[index]?.fields ?? [];
    for (const [name, value] of post.fields) {
      if (!other.some(([otherName, otherValue]) => otherName === name && otherValue === value)) bound.add(name);
    }
  });
  return bound;
}

/** How a forged post treats the session-bound fields. */
export type TokenVariant =
  | { readonly kind: 'absent' }
  | { readonly kind: 'empty' }
  /** The values another session sent (the attacker's own session, say). */
  | { readonly kind: 'from'; readonly posts: readonly FormPost[] }
  /** One value for every bound field (the token of the seat that sends the post). */
  | { readonly kind: 'value'; readonly value: string };

/** The forgeries an attacker's page tries, in words; `other` is what another session of the same person sent. */
export const FORGERIES: readonly (readonly [string, (other: readonly FormPost[]) => TokenVariant])[] = [
  ['without the anti-forgery field', () => ({ kind: 'absent' })],
  ['with an empty anti-forgery field', () => ({ kind: 'empty' })],
  ['with the anti-forgery token of another session of the same person', (other) => ({ kind: 'from', posts: other })],
];

/**
 * How a seat of another role sends the posts: with the anti-forgery token of its own session, read
 * from a field of that name on the page it shows; without one when its pages carry none.
 */
export async function ownToken(page: Page, bound: ReadonlySet<string>): Promise<TokenVariant> {
  const names = [...bound];
  if (names.length === 0) return { kind: 'absent' };
  const field = page.locator(names.map((name) => `input[name="${name}"]`).join(', ')).first();
  return (await field.count()) === 0 ? { kind: 'absent' } : { kind: 'value', value: await field.inputValue() };
}

export function forged(posts: readonly FormPost[], bound: ReadonlySet<string>, variant: TokenVariant): FormPost[] {
  return posts.map((post, index) => ({
    ...post,
    fields: post.fields.flatMap(([name, value]): (readonly [string, string])[] => {
      if (!bound.has(name)) return [[name, value]];
      switch (variant.kind) {
        case 'absent':
          return [];
        case 'empty':
          return [[name, '']];
        case 'value':
          return [[name, variant.value]];
        case 'from': {
          const theirs = variant.posts[index]?.fields.find(([other]) => other === name);
          return theirs ? [[name, theirs[1]]] : [];
        }
      }
    }),
  }));
}

/**
 * Sends each post, in order, as a form the document at `from` submits (a top-level navigation,
 * cookies included), and waits for the page the portal answers with (redirects followed).
 */
export async function submitFrom(page: Page, from: string, posts: readonly FormPost[]): Promise<void> {
  for (const post of posts) {
    await page.goto(from);
    // The next load is the answer's: `from` has loaded already, and redirect hops load nothing.
    const navigated = page.waitForEvent('load');
    await page.evaluate(
      ({ url, enctype, fields, files }) => {
        const form = document.createElement('form');
        form.method = 'POST';
        form.action = url;
        form.enctype = enctype;
        for (const [name, value] of fields) {
          const input = document.createElement('input');
          input.type = 'hidden';
          input.name = name;
          input.value = value;
          form.append(input);
        }
        for (const file of files) {
          const input = document.createElement('input');
          input.type = 'file';
          input.name = file.name;
          const bytes = Uint8Array.from(atob(file.content), (char) => char.charCodeAt(0));
          const transfer = new DataTransfer();
          transfer.items.add(new File([bytes], file.fileName, { type: file.contentType }));
          input.files = transfer.files;
          form.append(input);
        }
        document.body.append(form);
        // Submitted once evaluate has returned, so the navigation does not end the evaluation.
        setTimeout(() => {
          form.submit();
        }, 0);
      },
      {
        url: post.url,
        enctype: post.enctype,
        fields: post.fields.map(([name, value]) => [name, value] as [string, string]),
        files: [...post.files],
      },
    );
    await navigated;
  }
}

/** A port nothing listens on: the attacker's origin, served by the browser context's route alone (no traffic leaves it). */
async function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** An attacker's page (another origin on the same host, hence the same site) in this browser context: its address and a tab. */
export async function openAttackerPage(context: BrowserContext): Promise<{ readonly page: Page; readonly url: string }> {
  const origin = `http://127.0.0.1:${await unusedPort()}`;
  await context.route(`${origin}/**`, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html',
      body: '<!doctype html><title>A page the attacker controls</title><p>Win a prize!</p>',
    }),
  );
  return { page: await context.newPage(), url: `${origin}/prize` };
}
