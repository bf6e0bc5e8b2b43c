import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../lib/index.ts';
import type { TargetCapabilities } from './capabilities.ts';
import { auditEventsAdded, describeReasonVerdict, judgeReason } from './reasonCheck.ts';

const event = (reason: string | null, action = 'sso.login.refused'): AuditEvent => ({
  at: '2026-12-06T10:00:00Z',
  action,
  actor: { kind: 'anonymous', label: 'x' },
  detail: '',
  reason,
});
const REFERENCE: TargetCapabilities = {
  reasons: { header: 'X-OE-Reason', attribute: 'data-reason', audit: true },
  audit: { actions: new Map(), reasons: new Map() },
  ssoConfigApi: true,
};
const FOREIGN: TargetCapabilities = {
  reasons: { audit: true },
  audit: {
    actions: new Map(),
    reasons: new Map([
      ['AUD_MISMATCH', 'saml-audience-mismatch'],
      ['SIG_BAD', 'saml-signature-invalid'],
    ]),
  },
  ssoConfigApi: false,
};
const SILENT: TargetCapabilities = { reasons: { audit: false }, ssoConfigApi: false };

describe('judgeReason', () => {
  it('verifies the reason from the first declared source that names an expected one', () => {
    expect(
      judgeReason(REFERENCE, ['saml-audience-mismatch'], {
        headers: { 'x-oe-reason': 'saml-audience-mismatch' },
        html: '',
        auditEvents: [],
      }),
    ).toEqual({ kind: 'verified', reason: 'saml-audience-mismatch', source: 'the X-OE-Reason header' });
    expect(
      judgeReason(REFERENCE, ['saml-replay'], { headers: {}, html: '<p>Code <code data-reason="saml-replay">saml-replay</code></p>' }),
    ).toEqual({ kind: 'verified', reason: 'saml-replay', source: "the page's data-reason attribute" });
  });

  it("maps the target's own words through its audit vocabulary", () => {
    expect(
      judgeReason(FOREIGN, ['saml-audience-mismatch'], {
        headers: { 'x-oe-reason': 'saml-replay' },
        html: '',
        auditEvents: [event(null, 'LOGIN_STARTED'), event('AUD_MISMATCH')],
      }),
    ).toEqual({ kind: 'verified', reason: 'saml-audience-mismatch', source: 'the audit event' });
  });

  it('reports another reason, in harness words where it maps, as written where it does not', () => {
    const verdict = judgeReason(FOREIGN, ['saml-audience-mismatch'], { auditEvents: [event('SIG_BAD'), event('WHATEVER')] });
    expect(verdict).toEqual({
      kind: 'other-reason',
      observed: ['saml-signature-invalid', 'WHATEVER'],
      expected: ['saml-audience-mismatch'],
      source: 'the audit event',
    });
    expect(describeReasonVerdict(verdict)).toBe(
      'other reason: saml-signature-invalid, WHATEVER (the audit event), expected saml-audience-mismatch',
    );
  });

  it('reports a refusal that names no reason where one is declared', () => {
    expect(
      describeReasonVerdict(judgeReason(REFERENCE, ['saml-expired'], { headers: {}, html: '<p role="alert">No.</p>', auditEvents: [] })),
    ).toBe("other reason: none named (the X-OE-Reason header, the page's data-reason attribute, the audit event), expected saml-expired");
  });

  it('is not verifiable when the target declares nothing, or the refusal left nothing declared', () => {
    expect(judgeReason(SILENT, ['saml-expired'], { headers: { 'x-oe-reason': 'saml-expired' }, html: '' })).toMatchObject({
      kind: 'not-verifiable',
      why: expect.stringContaining('declares no way') as unknown,
    });
    expect(judgeReason(FOREIGN, ['native-redirect-uri-invalid'], { headers: {}, html: '' })).toMatchObject({
      kind: 'not-verifiable',
      why: expect.stringContaining('belongs to no account') as unknown,
    });
  });
});

describe('auditEventsAdded', () => {
  it('is a multiset difference: an event seen twice before and three times now was added once', () => {
    const a = event('x');
    const b = event('y');
    expect(auditEventsAdded([a, a, b], [b, a, a, a, event('z')])).toEqual([a, event('z')]);
  });
});
