// The note the mock login pages (SAML and OIDC engines alike) carry for people trying SSO by hand
// (`sso-harness demo`): the test users' password. Empty unless the tenant sets a hint.
import { escapeHtml } from '../lib/index.ts';

export function passwordNote(hint: string | undefined): string {
  return hint
    ? `<p class="harness" role="note">Test page of the sso-harness mock IdP: every test user's password is <code>${escapeHtml(hint)}</code>.</p>`
    : '';
}
