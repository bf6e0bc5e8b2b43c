import { describe, expect, it } from 'vitest';
import type { LoginOutcome } from './browser.ts';
import { compare } from './run.ts';
import type { Symptom } from './scenarios.ts';

const refused = (reason: string): LoginOutcome => ({ kind: 'portal-refusal', reason, text: '' });
const idpPage = (code: string): LoginOutcome => ({ kind: 'idp-error', code, text: '' });

describe("compare (was the customer's symptom reproduced?)", () => {
  it.each([
    [refused('saml-cert-untrusted'), { at: 'portal', reason: 'saml-cert-untrusted' }, 'yes'],
    [refused('email-missing'), { at: 'portal', reason: 'no-seat-for-email' }, 'different-symptom'],
    [idpPage('AADSTS50011'), { at: 'portal', reason: 'saml-destination-mismatch' }, 'no'],
    [idpPage('AADSTS50011'), { at: 'idp', code: 'AADSTS50011' }, 'yes'],
    [idpPage('AADSTS700016'), { at: 'idp', code: 'AADSTS50011' }, 'different-symptom'],
    [{ kind: 'signed-in', text: '' }, { at: 'idp', code: 'AADSTS50011' }, 'no'],
    [{ kind: 'sent-off-machine', url: 'https://x.example/', text: '' }, { at: 'portal', reason: 'saml-cert-untrusted' }, 'no'],
    [{ kind: 'signed-in', text: '' }, undefined, 'not-predicted'],
  ] as const)('%j against %j: %s', (outcome, expected, verdict) => {
    expect(compare(outcome, expected as Symptom | undefined)).toBe(verdict);
  });
});
