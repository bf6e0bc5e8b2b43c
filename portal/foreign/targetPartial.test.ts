// portal/foreign/target.partial.json is what an OE team would write in its target file for the
// foreign portal (minus the run-specific settings). Written by hand, it is checked here against the
// foreign skin: a word for every name of the harness's driver (suites/driver/reference/names.ts),
// found in the foreign pages where names.ts says the driver looks for it; the session cookie; and
// every audit action, refusal reason and seat audit kind word mapped to the right harness word.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { HARNESS_AUDIT_ACTIONS, SEAT_AUDIT_KINDS, REASONS, vendorOptionNames } from '../../lib/index.ts';
import { NAME_DOCS } from '../../suites/testing/index.ts';
import { NAMED_PRESET_IDS } from '../sso/presets.ts';
import { AUDIT_ACTIONS } from '../db/audit.ts';
import { FOREIGN_COOKIES } from '../skin/foreign/paths.ts';
import { FOREIGN_ACTIONS, FOREIGN_NAMES, FOREIGN_REFUSALS, FOREIGN_SEAT_AUDIT_KINDS } from '../skin/foreign/words.ts';
import { elements, labelledControl, textOf, withRole, attribute } from '../testing/htmlProbe.ts';
import { tourPortal, type SkinTour } from '../testing/skinTour.ts';

interface TargetPartial {
  readonly selectors: Readonly<Record<string, string>>;
  readonly sessionCookie: string;
  readonly reasons: { readonly audit: boolean };
  readonly audit: { readonly actions: Readonly<Record<string, string>>; readonly reasons: Readonly<Record<string, string>> };
  readonly seatAuditKinds: Readonly<Record<string, string>>;
}

const partial = JSON.parse(readFileSync(new URL('./target.partial.json', import.meta.url), 'utf8')) as TargetPartial;

type Where =
  | 'label'
  | 'radio'
  | 'checkbox'
  | 'select'
  | 'button'
  | 'buttonOrLink'
  | 'heading'
  | 'option'
  | 'switch'
  | 'text'
  | 'alertText'
  | 'alertHeading'
  | 'list'
  | 'listItemWord'
  | 'table'
  | 'columnHeader'
  | 'labelledLink';

/** Where the driver looks for each name (names.ts `where`), on which page of the tour. */
const WHERE: Readonly<Record<keyof typeof NAME_DOCS, readonly [page: string, where: Where]>> = {
  emailLabel: ['login', 'label'],
  continueButton: ['login', 'button'],
  passwordLabel: ['password-step-direct', 'label'],
  logInButton: ['password-step-direct', 'button'],
  logOutButton: ['home-user', 'buttonOrLink'],
  ssoHeading: ['settings-empty', 'heading'],
  protocolSaml: ['settings-empty', 'radio'],
  protocolOidc: ['settings-empty', 'radio'],
  vendorSelect: ['settings-empty', 'select'],
  ...vendorOptionNames(NAMED_PRESET_IDS, (): readonly [page: string, where: Where] => ['settings-empty', 'option']),
  metadataFromUrl: ['settings-empty', 'radio'],
  metadataUrl: ['settings-empty', 'label'],
  metadataManual: ['settings-empty', 'radio'],
  idpEntityId: ['settings-empty', 'label'],
  idpSsoUrl: ['settings-empty', 'label'],
  idpCertificate: ['settings-empty', 'label'],
  requireSignedResponse: ['settings-empty', 'checkbox'],
  requireSignedAssertion: ['settings-empty', 'checkbox'],
  allowIdpInitiated: ['settings-empty', 'checkbox'],
  clockSkew: ['settings-empty', 'label'],
  issuer: ['settings-empty', 'label'],
  clientId: ['settings-empty', 'label'],
  clientSecret: ['settings-empty', 'label'],
  emailClaim: ['settings-empty', 'label'],
  hostedDomain: ['settings-empty', 'label'],
  saveSso: ['settings-empty', 'button'],
  ssoSaved: ['settings-saml', 'text'],
  testSso: ['settings-saml', 'button'],
  testSsoResult: ['test-passed', 'heading'],
  testSsoPassed: ['test-passed', 'text'],
  testSsoFailed: ['test-failed', 'alertText'],
  enableSwitch: ['settings-saml', 'switch'],
  enableConfirm: ['enable-confirm', 'button'],
  enableAnyway: ['enable-confirm-warnings', 'button'],
  enableWarnings: ['enable-confirm-warnings', 'alertHeading'],
  seatAuditFindings: ['settings-seat-audit', 'list'],
  seatAuditBlocking: ['settings-seat-audit', 'listItemWord'],
  idpUserExportFile: ['settings-empty', 'label'],
  uploadIdpUserExport: ['settings-empty', 'button'],
  idpUserExportUploaded: ['settings-seat-audit', 'text'],
  supportEmail: ['support-login', 'label'],
  supportPassword: ['support-login', 'label'],
  supportLogIn: ['support-login', 'button'],
  supportLogOut: ['support-search', 'buttonOrLink'],
  ticket: ['support-gate', 'label'],
  reason: ['support-gate', 'label'],
  accessAccount: ['support-gate', 'button'],
  turnSsoOff: ['support-account', 'button'],
  seatNameLabel: ['seats', 'label'],
  seatEmailLabel: ['seats', 'label'],
  addSeat: ['seats', 'button'],
  editSeat: ['seats', 'labelledLink'],
  seatDisabled: ['seat-edit', 'checkbox'],
  saveSeat: ['seat-edit', 'button'],
  seatsCsv: ['seats', 'label'],
  importSeats: ['seats', 'button'],
  auditLogTable: ['audit-log', 'table'],
  auditWho: ['audit-log', 'columnHeader'],
  auditWhat: ['audit-log', 'columnHeader'],
};

const texts = (html: string, tag: string): string[] => elements(html, tag).map((element) => textOf(element.inner));
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether `word` is on `html` the way `where` says. */
function shown(html: string, where: Where, word: string): boolean {
  switch (where) {
    case 'label':
      return /^<(input|textarea)/.test(labelledControl(html, word) ?? '');
    case 'radio':
      return /type="radio"/.test(labelledControl(html, word) ?? '');
    case 'checkbox':
      return /type="checkbox"/.test(labelledControl(html, word) ?? '');
    case 'select':
      return /^<select/.test(labelledControl(html, word) ?? '');
    case 'button':
      return texts(html, 'button').includes(word);
    case 'buttonOrLink':
      return texts(html, 'button').includes(word) || texts(html, 'a').includes(word);
    case 'heading':
      return texts(html, 'h[1-6]').includes(word);
    case 'option':
      return texts(html, 'option').includes(word);
    case 'switch':
      return elements(html, 'button').some(
        (b) => attribute(b.open, 'role') === 'switch' && /\saria-checked="(true|false)"/.test(b.open) && textOf(b.inner) === word,
      );
    case 'text':
      return textOf(html).includes(word);
    case 'alertText':
      return withRole(html, 'alert').some((alert) => textOf(alert.inner).includes(word));
    case 'alertHeading':
      return withRole(html, 'alert').some((alert) => texts(alert.inner, 'h[1-6]').includes(word) && elements(alert.inner, 'li').length > 0);
    case 'list':
      return elements(html, 'ul').some((list) => attribute(list.open, 'aria-label') === word && elements(list.inner, 'li').length > 0);
    case 'listItemWord': {
      const findings = elements(html, 'ul').find((list) => attribute(list.open, 'aria-label') === FOREIGN_NAMES.seatAuditFindings);
      return (
        findings !== undefined && texts(findings.inner, 'li').some((item) => new RegExp(`(^|\\W)${escapeRegExp(word)}(\\W|$)`).test(item))
      );
    }
    case 'table':
      return elements(html, 'table').some((table) => attribute(table.open, 'aria-label') === word);
    case 'labelledLink': {
      const name = new RegExp(`^${escapeRegExp(word).replace('\\{email\\}', '[^\\s@]+@[^\\s@]+')}$`);
      return elements(html, 'a').some((link) => name.test(attribute(link.open, 'aria-label') ?? textOf(link.inner)));
    }
    case 'columnHeader':
      return elements(html, 'th').some((th) => attribute(th.open, 'scope') === 'col' && textOf(th.inner) === word);
  }
}

let tour: SkinTour;

beforeAll(async () => {
  tour = await tourPortal('foreign');
}, 120_000);

describe('portal/foreign/target.partial.json', () => {
  it('has a selector for every name the driver uses, each a word of the foreign portal other than the reference one', () => {
    expect(Object.keys(partial.selectors).sort()).toEqual(Object.keys(NAME_DOCS).sort());
    expect(Object.keys(WHERE).sort()).toEqual(Object.keys(NAME_DOCS).sort());
    for (const [key, word] of Object.entries(partial.selectors)) {
      expect(word, key).toBe(FOREIGN_NAMES[key as keyof typeof FOREIGN_NAMES]);
      expect(word, key).not.toBe(NAME_DOCS[key as keyof typeof NAME_DOCS].reference);
    }
  });

  it.each(Object.entries(WHERE))('shows the %s word where the driver looks for it', (key, [page, where]) => {
    const word = partial.selectors[key] ?? '';
    expect(shown(tour.page(page).body, where, word), `"${word}" as a ${where} on ${page}`).toBe(true);
  });

  it("shows the IdP and SSO heading on the support console's account page too, and the login form over plain HTTP", () => {
    expect(shown(tour.page('support-account').body, 'heading', partial.selectors['ssoHeading'] ?? '')).toBe(true);
    const login = tour.page('login').body;
    const control = labelledControl(login, partial.selectors['emailLabel'] ?? '') ?? '';
    expect(control).toMatch(/type="email"/);
    expect(elements(login, 'form').some((form) => form.inner.includes(control))).toBe(true);
  });

  it('names the seat session cookie and reads refusal reasons from the audit', () => {
    expect(partial.sessionCookie).toBe(FOREIGN_COOKIES.seatSession);
    expect(tour.page('home-user').status).toBe(200);
    expect(partial.reasons).toEqual({ audit: true });
  });

  it('maps every audit action word the foreign portal writes to the harness action it means', () => {
    const recorded = AUDIT_ACTIONS.filter((action) => (HARNESS_AUDIT_ACTIONS as readonly string[]).includes(action));
    expect(Object.values(partial.audit.actions).sort()).toEqual([...recorded].sort());
    for (const [word, action] of Object.entries(partial.audit.actions))
      expect(FOREIGN_ACTIONS[action as keyof typeof FOREIGN_ACTIONS], word).toBe(word);
    // One distinct foreign word per reference word, none of them a reference word.
    const words = Object.values(FOREIGN_ACTIONS);
    expect(new Set(words).size).toBe(AUDIT_ACTIONS.length);
    expect(words.filter((word) => (AUDIT_ACTIONS as readonly string[]).includes(word))).toEqual([]);
  });

  it('maps every refusal reason word to its reason code', () => {
    expect(Object.values(partial.audit.reasons).sort()).toEqual(Object.keys(REASONS).sort());
    for (const [word, code] of Object.entries(partial.audit.reasons))
      expect(FOREIGN_REFUSALS[code as keyof typeof REASONS].word, word).toBe(word);
    const words = Object.values(FOREIGN_REFUSALS).map((refusal) => refusal.word);
    expect(new Set(words).size).toBe(Object.keys(REASONS).length);
    expect(new Set(Object.values(FOREIGN_REFUSALS).map((refusal) => refusal.ref)).size).toBe(Object.keys(REASONS).length);
  });

  it('maps every seat audit kind word to its kind', () => {
    expect(Object.values(partial.seatAuditKinds).sort()).toEqual([...SEAT_AUDIT_KINDS].sort());
    for (const [word, kind] of Object.entries(partial.seatAuditKinds))
      expect(FOREIGN_SEAT_AUDIT_KINDS[kind as keyof typeof FOREIGN_SEAT_AUDIT_KINDS], word).toBe(word);
    expect(new Set(Object.values(FOREIGN_SEAT_AUDIT_KINDS)).size).toBe(SEAT_AUDIT_KINDS.length);
  });

  it('the provisioning API and the JSON APIs answer in these words', () => {
    const state = JSON.parse(tour.page('harness-account').body) as { auditEvents: { action: string; reason: string | null }[] };
    for (const event of state.auditEvents) {
      expect(
        Object.hasOwn(partial.audit.actions, event.action) ||
          event.action === FOREIGN_ACTIONS['sso.test.started'] ||
          event.action === FOREIGN_ACTIONS['seat-audit.idp-export.uploaded'],
        event.action,
      ).toBe(true);
      if (event.reason !== null) expect(Object.hasOwn(partial.audit.reasons, event.reason), event.reason).toBe(true);
    }
    const audit = JSON.parse(tour.page('api-seat-audit-messy').body) as { findings: { kind: string }[] };
    expect(audit.findings.length).toBeGreaterThan(0);
    for (const finding of audit.findings) expect(Object.hasOwn(partial.seatAuditKinds, finding.kind), finding.kind).toBe(true);
  });
});
