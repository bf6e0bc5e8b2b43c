// Completeness of the foreign skin: driven through every page and endpoint a harness meets, the
// foreign portal shows nothing of the reference portal — no reference path, no reference
// accessible name, no reference cookie, no reason header or attribute, no reason code and no
// sentence of lib/reasons.ts. The same tour of the reference portal finds all of these, which
// shows the checks can see them.
import { beforeAll, describe, expect, it } from 'vitest';
import { REASONS, escapeHtml } from '../../lib/index.ts';
import { NAME_DOCS } from '../../suites/testing/index.ts';
import { accessibleNames } from '../testing/htmlProbe.ts';
import { tourPortal, type Capture, type SkinTour } from '../testing/skinTour.ts';
import { REFERENCE_COOKIES } from './reference/paths.ts';

const REFERENCE_PATHS = ['/login', '/home', '/account', '/support', '/sso/', '/oauth/', '/api/', '/logout', '/assets/portal.css'];
const REFERENCE_NAME_SET = new Set<string>(Object.values(NAME_DOCS).map((doc) => doc.reference));
const REASON_CODES = Object.keys(REASONS);
const REFERENCE_COOKIE_NAMES: readonly string[] = [
  REFERENCE_COOKIES.seatSession,
  REFERENCE_COOKIES.supportSession,
  REFERENCE_COOKIES.browser,
  REFERENCE_COOKIES.pendingLogin,
];
const REASON_SENTENCES = Object.values(REASONS).flatMap((info) => [info.message, info.fix]);

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every text a response shows or sends: headers (Location, Set-Cookie…) and body; the provisioning API's own paths removed. */
function sent(capture: Capture): string {
  const headers = [...capture.headers].map(([name, value]) => `${name}: ${value}`).join('\n');
  return `${headers}\n\n${capture.body}`.replace(/\/_harness\/[\w/{}.-]*/g, '/_harness');
}

function referencePathsIn(text: string): string[] {
  return REFERENCE_PATHS.filter((path) => new RegExp(`${escapeRegExp(path)}${path.endsWith('/') ? '' : '(?![\\w.])'}`).test(text));
}

function referenceNamesIn(capture: Capture): string[] {
  return /html/.test(capture.headers.get('content-type') ?? '')
    ? accessibleNames(capture.body).filter((name) => REFERENCE_NAME_SET.has(name))
    : [];
}

function referenceCookiesIn(capture: Capture): string[] {
  const set = capture.headers.getSetCookie().map((cookie) => cookie.split('=')[0] ?? '');
  return REFERENCE_COOKIE_NAMES.filter((name) => set.includes(name) || capture.body.includes(name));
}

function reasonMarksIn(capture: Capture): string[] {
  return [
    ...(capture.headers.has('x-oe-reason') ? ['X-OE-Reason header'] : []),
    ...(/x-oe-reason/i.test(capture.body) ? ['X-OE-Reason in the body'] : []),
    ...(/data-reason/i.test(capture.body) ? ['data-reason'] : []),
  ];
}

function reasonCodesIn(capture: Capture): string[] {
  const text = sent(capture);
  return REASON_CODES.filter((code) => new RegExp(`(?<![\\w-])${escapeRegExp(code)}(?![\\w-])`).test(text));
}

function reasonSentencesIn(capture: Capture): string[] {
  const text = sent(capture);
  return REASON_SENTENCES.filter(
    (sentence) => text.includes(sentence) || text.includes(escapeHtml(sentence)) || text.includes(JSON.stringify(sentence).slice(1, -1)),
  );
}

type Finder = (capture: Capture) => string[];

const CHECKS: Readonly<Record<string, Finder>> = {
  'reference paths': (capture) => referencePathsIn(sent(capture)),
  'reference accessible names': referenceNamesIn,
  'reference cookie names': referenceCookiesIn,
  'reason header / attribute': reasonMarksIn,
  'reason codes': reasonCodesIn,
  'lib/reasons.ts sentences': reasonSentencesIn,
};

function findings(tour: SkinTour, check: Finder): Record<string, string[]> {
  return Object.fromEntries(
    tour.captures
      .map((capture) => [`${capture.name} (${capture.method} ${capture.path})`, check(capture)] as const)
      .filter(([, found]) => found.length > 0),
  );
}

let foreign: SkinTour;
let reference: SkinTour;

beforeAll(async () => {
  [foreign, reference] = await Promise.all([tourPortal('foreign'), tourPortal('reference')]);
}, 120_000);

describe('the foreign portal shows nothing of the reference portal', () => {
  it('took every step of the tour without a server error', () => {
    expect(foreign.captures.length).toBeGreaterThan(100);
    expect(
      foreign.captures
        .filter((capture) => capture.status >= 500 && capture.name !== 'oidc-unreachable')
        .map((capture) => `${capture.name}: ${capture.status}`),
    ).toEqual([]);
    expect(foreign.captures.map((capture) => capture.status)).toEqual(reference.captures.map((capture) => capture.status));
  });

  it.each(Object.keys(CHECKS))('no %s in any response', (check) => {
    expect(findings(foreign, CHECKS[check] as Finder)).toEqual({});
  });

  it.each(Object.keys(CHECKS))('(the same tour of the reference portal does find %s)', (check) => {
    expect(Object.keys(findings(reference, CHECKS[check] as Finder)).length).toBeGreaterThan(0);
  });

  it('answers native token errors in the RFC 6749 shape, without a reason field', () => {
    for (const name of ['token-replayed', 'token-bad-verifier', 'token-unknown-client', 'token-wrong-grant']) {
      const body = JSON.parse(foreign.page(name).body) as Record<string, unknown>;
      expect(Object.keys(body).sort(), name).toEqual(['error', 'error_description']);
    }
    expect(JSON.parse(foreign.page('token-replayed').body)).toMatchObject({ error: 'invalid_grant' });
  });

  it('answers userinfo flat: { email, role, accountName }', () => {
    expect(JSON.parse(foreign.page('userinfo').body)).toEqual({ email: 'uma@contoso.example', role: 'user', accountName: 'Messy Ltd' });
  });

  it('tells the harness its own URLs and native clients, and only foreign words in the audit', () => {
    const { clean } = foreign.accounts;
    expect(clean.urls.passwordLogin).toMatch(/\{email\}/);
    expect(Object.values(clean.urls.native).every((url) => url.startsWith('http://127.0.0.1:'))).toBe(true);
    expect(clean.nativeClients).toEqual({
      desktop: { clientId: 'ooma-desktop-app' },
      mobile: { clientId: 'ooma-mobile-app', redirectUri: 'com.ooma.oe.app:/signin-callback' },
    });
    const state = JSON.parse(foreign.page('harness-account').body) as {
      auditEvents: { action: string; reason: string | null; actor: { kind: string; label: string } }[];
    };
    const actions = new Set(state.auditEvents.map((event) => event.action));
    expect(actions).toContain('SSO_SETTINGS_UPDATED');
    expect(actions).toContain('STAFF_SUSPENDED_SSO');
    expect([...actions].filter((action) => /[a-z]/.test(action))).toEqual([]);
    expect(state.auditEvents.find((event) => event.action === 'STAFF_SUSPENDED_SSO')?.actor.label).toMatch(/support/i);
    expect(state.auditEvents.filter((event) => event.reason !== null).map((event) => event.reason)).toEqual(
      expect.arrayContaining(['UNKNOWN_SIGNING_CERT', 'SSO_ENFORCED']),
    );
  });
});
