// What one test leaves as evidence, collected while it runs: the SAML responses its browsers
// posted to an ACS, the tokens the in-process servers issued (tokenTap), the cookies they set.
// At the end: decoded SAML XML and ID token header + claims are attached (signatures and secrets
// removed), a screenshot of each page still open is attached when the test passed (Playwright
// takes them itself on failure), every secret seen goes to the run's ledger, and the test's
// vendor / protocol / entry point become Allure labels and parameters.
import type { BrowserContext, Request, Response, TestInfo } from '@playwright/test';
import { labelForAllure } from './allureMetadata.ts';
import { EvidenceError, decodeJwt, decodeSamlResponse, renderJwtEvidence } from './evidence.ts';
import { readSecrets, recordSecret, type SecretKind } from './secrets/ledger.ts';
import { isCredentialCookie, tapTokenResponses, type TokenTap } from './tokenTap.ts';

interface SamlPost {
  readonly url: string;
  readonly body: string;
}

/** More pages than this are not photographed: the evidence is the last state, not a film. */
const MAX_SCREENSHOTS = 4;

export class TestEvidence {
  readonly #ledger: string;
  readonly #tap: TokenTap;
  readonly #tracked = new WeakSet<BrowserContext>();
  readonly #samlPosts: SamlPost[] = [];
  readonly #pending: Array<Promise<unknown>> = [];

  constructor(ledger: string) {
    this.#ledger = ledger;
    this.#tap = tapTokenResponses({ onCredential: (kind, value) => this.record(kind, value) });
  }

  record(kind: SecretKind, value: string | undefined | null): void {
    recordSecret(this.#ledger, kind, value);
  }

  /** Watch a browser context of this test (idempotent). */
  track(context: BrowserContext): void {
    if (this.#tracked.has(context)) return;
    this.#tracked.add(context);
    context.on('request', (request) => this.#onRequest(request));
    // Session cookies are set on page navigations and their redirects, not on assets: asking
    // for the headers of only those keeps this to a few protocol calls per login.
    context.on('response', (response) => {
      if (response.request().resourceType() === 'document') this.#pending.push(this.#onResponse(response));
    });
  }

  #onRequest(request: Request): void {
    if (request.method() !== 'POST') return;
    const body = request.postData();
    if (!body || !/(^|&)SAMLResponse=/.test(body)) return;
    this.#samlPosts.push({ url: request.url(), body });
    // A signed assertion is a credential until it expires (and the trace records it).
    this.record('saml-response', new URLSearchParams(body).get('SAMLResponse'));
  }

  async #onResponse(response: Response): Promise<void> {
    const cookies = await response.headerValue('set-cookie').catch(() => null);
    for (const line of (cookies ?? '').split('\n')) {
      const [, name = '', value = ''] = /^([^=;\s]+)=([^;]*)/.exec(line.trim()) ?? [];
      if (value && isCredentialCookie(name, safeDecode(value))) this.record('session-cookie', safeDecode(value));
    }
  }

  /** Before a context closes: its cookies go to the ledger; its pages are photographed if the test passed. */
  async beforeContextCloses(context: BrowserContext, testInfo: TestInfo): Promise<void> {
    for (const cookie of await context.cookies().catch(() => []))
      if (isCredentialCookie(cookie.name, safeDecode(cookie.value))) this.record('session-cookie', safeDecode(cookie.value));
    if (testInfo.status !== 'passed') return;
    const pages = context
      .pages()
      .filter((page) => !page.isClosed())
      .slice(-MAX_SCREENSHOTS);
    for (const [index, page] of pages.entries()) {
      const body = await page.screenshot().catch(() => undefined);
      if (body) await testInfo.attach(`final page ${index + 1} — ${new URL(page.url()).pathname}`, { body, contentType: 'image/png' });
    }
  }

  /** After the test: attach the decoded artefacts and label the test for Allure. */
  async finish(testInfo: TestInfo): Promise<void> {
    this.#tap.stop();
    await Promise.allSettled(this.#pending);
    const tokens = this.#tap.responses();
    for (const token of tokens) {
      this.record('token', token.idToken);
      this.record('token', token.accessToken);
      this.record('token', token.refreshToken);
    }
    const secrets = readSecrets(this.#ledger).map((secret) => secret.value);
    for (const [index, post] of this.#samlPosts.entries()) {
      await testInfo.attach(`SAML response ${index + 1} → ${new URL(post.url).pathname} (decoded, signature removed)`, {
        body: evidenceText(() => decodeSamlResponse(post.body, secrets).xml),
        contentType: 'application/xml',
      });
    }
    for (const [index, token] of tokens.filter((item) => item.idToken).entries()) {
      await testInfo.attach(`ID token ${index + 1} from ${token.path} (header and claims, signature removed)`, {
        body: evidenceText(() => renderJwtEvidence(decodeJwt(token.idToken!, secrets))),
        contentType: 'application/json',
      });
    }
    await labelForAllure(testInfo);
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function evidenceText(decode: () => string): string {
  try {
    return decode();
  } catch (error) {
    if (error instanceof EvidenceError) return `Could not decode this artefact: ${error.message}\n`;
    throw error;
  }
}
