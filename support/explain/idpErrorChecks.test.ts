import { describe, expect, it } from 'vitest';
import { har } from '../testing/har.ts';
import { explainArtefact } from './explain.ts';

const CALLBACK = 'https://oe.example.com/sso/42/oidc/callback';

describe('explain: IdP errors sent back to the redirect URI (HAR)', () => {
  it.each([
    ['Okta\'s "not assigned" answer', 'access_denied', 'User is not assigned to the client application.', 'okta', 'oidc.user-not-assigned'],
    ['an unknown IdP saying "not assigned"', 'access_denied', 'The user is not assigned to this app', undefined, 'oidc.user-not-assigned'],
    ['a generic refusal', 'server_error', 'Something broke', undefined, undefined],
  ])('%s', async (_what, error, description, vendor, faultId) => {
    const { report } = await explainArtefact(
      har({ url: `${CALLBACK}?error=${error}&error_description=${encodeURIComponent(description)}&state=s1` }),
      { at: new Date('2026-03-02T09:00:00Z') },
    );
    expect(report.artefact.kind).toBe('idp-error');
    expect(report.looksLike.vendor).toBe(vendor);
    const [first] = report.findings;
    expect(first).toMatchObject({ check: 'oidc.idp-error', severity: 'blocking', reason: 'oidc-idp-error' });
    expect(first?.faultId).toBe(faultId);
    expect(first?.detail).toContain(`Sent back to ${CALLBACK}: "${description}".`);
  });
});
