// Robustness of the target's unauthenticated SSO endpoints: seeded, bounded property-based fuzzing
// (fast-check) of the SAML ACS and the OIDC redirect URI with malformed input. Properties: never a
// 5xx, never a stack trace, every refusal names its reason (X-OE-Reason + code[data-reason]), the
// portal keeps serving, and memory stays bounded. Deterministic: fixed seed, fixed number of runs
// (SSO_HARNESS_FUZZ_RUNS scales the runs; SSO_HARNESS_FUZZ_SEED replays another seed). Requests go
// through Node's fetch (see suites/conformance/http/httpBrowser.ts for why not Playwright's).
import fc from 'fast-check';
import { isReasonCode } from '../../lib/reasons.ts';
import { PERSONAS } from '../../mock-idps/personas/index.ts';
import type { SamlPersona } from '../../mock-idps/types.ts';
import { samlProfile } from '../conformance/catalogScenarios.ts';
import { expect, test } from '../conformance/fixtures.ts';
import { CookieJar } from '../conformance/http/cookieJar.ts';
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
  readonly reason: string | undefined;
  readonly body: string;
}

async function send(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(20_000), ...init });
  return { status: response.status, reason: response.headers.get('x-oe-reason') ?? undefined, body: await response.text() };
}

function expectClearRefusal(answer: Answer, what: string): void {
  expect(answer.status, `${what}: never a server error`).toBeLessThan(500);
  expect(answer.status, `${what}: a refusal`).toBeGreaterThanOrEqual(400);
  expect(answer.body, `${what}: no stack trace`).not.toMatch(/\bat \S+ \(\S+:\d+:\d+\)|node:internal|node_modules\//);
  if (TRANSPORT_REFUSALS.has(answer.status)) return;
  expect(answer.reason !== undefined && isReasonCode(answer.reason), `${what}: X-OE-Reason names a reason code (got ${String(answer.reason)}, HTTP ${answer.status})`).toBe(true);
  expect(answer.body, `${what}: the page names the reason`).toContain(`data-reason="${answer.reason ?? ''}"`);
}

async function expectStillServing(portalUrl: string): Promise<void> {
  expect((await send(`${portalUrl}/login`)).status, 'the portal still serves its login page').toBe(200);
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

  test('ACS: malformed SAMLResponse values are refused with a reason, never a 5xx', async ({ matrix }) => {
    const persona = PERSONAS['entra-saml'] as SamlPersona;
    const account = await matrix.account(persona.id, samlProfile(persona));
    const memory = memoryProbe();
    await fc.assert(fc.asyncProperty(malformedSamlResponse, async (input) => {
      const body = new URLSearchParams({ SAMLResponse: input.value, RelayState: '/home' }).toString();
      const answer = await send(account.sp.acsUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
      expectClearRefusal(answer, `SAMLResponse (${input.kind}, ${input.value.length} characters)`);
    }), runs(80));
    await expectStillServing(matrix.target.portalUrl);
    memory.expectBounded('ACS fuzzing');
  });

  test('ACS: bodies that are not a form post are refused with a reason, never a 5xx', async ({ matrix }) => {
    const persona = PERSONAS['okta-saml'] as SamlPersona;
    const account = await matrix.account(persona.id, samlProfile(persona));
    await fc.assert(fc.asyncProperty(malformedAcsBody, async (input) => {
      const answer = await send(account.sp.acsUrl, { method: 'POST', headers: input.contentType ? { 'content-type': input.contentType } : {}, body: new Uint8Array(input.body) });
      expectClearRefusal(answer, `ACS body (${input.contentType || 'no content type'}, ${input.body.length} bytes)`);
    }), runs(40));
    await expectStillServing(matrix.target.portalUrl);
  });

  test('OIDC redirect URI: malformed callbacks are refused with a reason, never a 5xx', async ({ matrix }) => {
    const account = await matrix.account('okta-oidc', { protocol: 'oidc' });
    const memory = memoryProbe();
    await fc.assert(fc.asyncProperty(malformedCallbackQuery, async (query) => {
      // A real pending login in this cookie jar, so inputs carrying its state reach the token exchange.
      const cookies = new CookieJar();
      const start = await fetch(account.sp.signOnUrl, { redirect: 'manual', signal: AbortSignal.timeout(20_000) });
      await start.body?.cancel();
      cookies.store(start.headers.getSetCookie(), new URL(account.sp.signOnUrl));
      const state = new URL(start.headers.get('location') ?? 'http://invalid/').searchParams.get('state') ?? '';
      const callback = new URL(account.sp.oidcRedirectUri);
      const answer = await send(`${callback.href}?${query.replace(STATE_PLACEHOLDER, state)}`, { headers: { cookie: cookies.header(callback) ?? '' } });
      expectClearRefusal(answer, `callback (${query.length} characters of query)`);
    }), runs(80));
    await expectStillServing(matrix.target.portalUrl);
    memory.expectBounded('callback fuzzing');
    // Nothing the fuzz sent logged anybody in.
    expect((await matrix.target.accountState(account.accountId)).seatSessions).toBe(0);
  });
});
