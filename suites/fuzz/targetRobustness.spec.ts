// Robustness of the target's unauthenticated SSO endpoints: seeded, bounded property-based fuzzing
// (fast-check) of the SAML ACS and the OIDC redirect URI with malformed input. Properties: never a
// 5xx, never a stack trace, always a refusal (4xx), nobody logged in, the portal keeps serving, and
// memory stays bounded; where the target declares where refusals name their reason (header or page
// attribute), refusals that name none are reported (`reason-check`, a warning). Deterministic: fixed seed, fixed number of runs
// (SSO_HARNESS_FUZZ_RUNS scales the runs; SSO_HARNESS_FUZZ_SEED replays another seed). Requests go
// through Node's fetch (see lib/http/httpBrowser.ts for why not Playwright's).
import fc from 'fast-check';
import { PERSONAS } from '../../mock-idps/index.ts';
import type { SamlPersona } from '../../mock-idps/index.ts';
import { samlProfile } from '../conformance/catalogScenarios.ts';
import { expect, test } from '../conformance/fixtures.ts';
import { CookieJar } from '../../lib/testing/index.ts';
import { reasonCodeOf, type TargetCapabilities } from '../target/capabilities.ts';
import { REASON_CHECK_ANNOTATION } from '../target/reasonCheck.ts';
import { reportCouldNotRun } from '../target/couldNotRun.ts';
import { STATE_PLACEHOLDER, malformedAcsBody, malformedCallbackQuery, malformedSamlResponse } from './malformedInputs.ts';

const SEED = Number(process.env.SSO_HARNESS_FUZZ_SEED ?? 20_240_601);
const SCALE = Number(process.env.SSO_HARNESS_FUZZ_RUNS ?? 1);
const runs = (base: number): fc.Parameters<unknown> => ({ seed: SEED, numRuns: Math.max(1, Math.round(base * SCALE)) });
/** Growth of the worker's memory (it hosts the embedded portal) over one property that counts as bounded. */
const MEMORY_BOUND_BYTES = 256 * 1024 * 1024;

/** The server refused the request line itself (too long): a standard, body-less 4xx before the portal sees it. */
const TRANSPORT_REFUSALS = new Set([414, 431]);

interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

async function send(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(20_000), ...init });
  return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
}

/** Counts refusals that name no reason where the target declares a header or page attribute for it. */
class UnnamedReasons {
  readonly #capabilities: TargetCapabilities;
  #unnamed = 0;
  #refusals = 0;

  constructor(capabilities: TargetCapabilities) {
    this.#capabilities = capabilities;
  }

  see(answer: Answer): void {
    const { header, attribute } = this.#capabilities.reasons;
    if ((header === undefined && attribute === undefined) || TRANSPORT_REFUSALS.has(answer.status)) return;
    this.#refusals += 1;
    const fromHeader = header === undefined ? undefined : reasonCodeOf(this.#capabilities, answer.headers[header.toLowerCase()]);
    const fromPage =
      attribute === undefined
        ? undefined
        : reasonCodeOf(this.#capabilities, new RegExp(`\\s${attribute}\\s*=\\s*["']([^"']*)["']`, 'i').exec(answer.body)?.[1]);
    if (fromHeader === undefined && fromPage === undefined) this.#unnamed += 1;
  }

  report(what: string): void {
    const { header, attribute } = this.#capabilities.reasons;
    if (header === undefined && attribute === undefined) {
      test.info().annotations.push({
        type: REASON_CHECK_ANNOTATION,
        description: `${what}: not verifiable: the target declares no header or page attribute naming refusal reasons`,
      });
    } else if (this.#unnamed > 0) {
      test.info().annotations.push({
        type: REASON_CHECK_ANNOTATION,
        description: `${what}: other reason: none named in ${this.#unnamed} of ${this.#refusals} refusals`,
      });
    } else {
      test.info().annotations.push({
        type: REASON_CHECK_ANNOTATION,
        description: `${what}: verified: every one of ${this.#refusals} refusals names a reason code`,
      });
    }
  }
}

function expectClearRefusal(answer: Answer, what: string, reasons: UnnamedReasons): void {
  expect(answer.status, `${what}: never a server error`).toBeLessThan(500);
  expect(answer.status, `${what}: a refusal`).toBeGreaterThanOrEqual(400);
  expect(answer.body, `${what}: no stack trace`).not.toMatch(/\bat \S+ \(\S+:\d+:\d+\)|node:internal|node_modules\//);
  reasons.see(answer);
}

async function expectStillServing(loginUrl: string): Promise<void> {
  expect((await send(loginUrl)).status, 'the portal still serves its login page').toBe(200);
}

function memoryProbe(): { expectBounded(what: string): void } {
  const before = process.memoryUsage().rss;
  return {
    expectBounded(what) {
      const growth = process.memoryUsage().rss - before;
      expect(growth, `${what}: memory grew by ${Math.round(growth / 1024 / 1024)} MiB`).toBeLessThan(MEMORY_BOUND_BYTES);
    },
  };
}

test.describe('target robustness (fuzzing)', () => {
  test.describe.configure({ mode: 'default' });

  test('ACS: malformed SAMLResponse values are refused, never a 5xx', async ({ matrix }) => {
    const persona = PERSONAS['entra-saml'] as SamlPersona;
    const account = await matrix.account(persona.id, samlProfile(persona)).catch(reportCouldNotRun);
    const memory = memoryProbe();
    const reasons = new UnnamedReasons(matrix.target.capabilities);
    const relayState = new URL(account.provisioned.urls.portal).pathname;
    const sessionsBefore = (await matrix.target.accountState(account.accountId)).seatSessions;
    await fc.assert(
      fc.asyncProperty(malformedSamlResponse, async (input) => {
        const body = new URLSearchParams({ SAMLResponse: input.value, RelayState: relayState }).toString();
        const answer = await send(account.sp.acsUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
        });
        expectClearRefusal(answer, `SAMLResponse (${input.kind}, ${input.value.length} characters)`, reasons);
      }),
      runs(80),
    );
    await expectStillServing(account.provisioned.urls.login);
    memory.expectBounded('ACS fuzzing');
    expect((await matrix.target.accountState(account.accountId)).seatSessions, 'nothing the fuzz sent logged anybody in').toBe(
      sessionsBefore,
    );
    reasons.report('malformed SAMLResponse values');
  });

  test('ACS: bodies that are not a form post are refused, never a 5xx', async ({ matrix }) => {
    const persona = PERSONAS['okta-saml'] as SamlPersona;
    const account = await matrix.account(persona.id, samlProfile(persona)).catch(reportCouldNotRun);
    const reasons = new UnnamedReasons(matrix.target.capabilities);
    await fc.assert(
      fc.asyncProperty(malformedAcsBody, async (input) => {
        const answer = await send(account.sp.acsUrl, {
          method: 'POST',
          headers: input.contentType ? { 'content-type': input.contentType } : {},
          body: new Uint8Array(input.body),
        });
        expectClearRefusal(answer, `ACS body (${input.contentType || 'no content type'}, ${input.body.length} bytes)`, reasons);
      }),
      runs(40),
    );
    await expectStillServing(account.provisioned.urls.login);
    reasons.report('ACS bodies that are not a form post');
  });

  test('OIDC redirect URI: malformed callbacks are refused, never a 5xx', async ({ matrix }) => {
    const account = await matrix.account('okta-oidc', { protocol: 'oidc' }).catch(reportCouldNotRun);
    const sessionsBefore = (await matrix.target.accountState(account.accountId)).seatSessions;
    const memory = memoryProbe();
    const reasons = new UnnamedReasons(matrix.target.capabilities);
    await fc.assert(
      fc.asyncProperty(malformedCallbackQuery, async (query) => {
        // A real pending login in this cookie jar, so inputs carrying its state reach the token exchange.
        const cookies = new CookieJar();
        const start = await fetch(account.sp.signOnUrl, { redirect: 'manual', signal: AbortSignal.timeout(20_000) });
        await start.body?.cancel();
        cookies.store(start.headers.getSetCookie(), new URL(account.sp.signOnUrl));
        const state = new URL(start.headers.get('location') ?? 'http://invalid/').searchParams.get('state') ?? '';
        const callback = new URL(account.sp.oidcRedirectUri);
        const answer = await send(`${callback.href}?${query.replace(STATE_PLACEHOLDER, state)}`, {
          headers: { cookie: cookies.header(callback) ?? '' },
        });
        expectClearRefusal(answer, `callback (${query.length} characters of query)`, reasons);
      }),
      runs(80),
    );
    await expectStillServing(account.provisioned.urls.login);
    memory.expectBounded('callback fuzzing');
    // Nothing the fuzz sent logged anybody in.
    expect((await matrix.target.accountState(account.accountId)).seatSessions).toBe(sessionsBefore);
    reasons.report('malformed OIDC callbacks');
  });
});
