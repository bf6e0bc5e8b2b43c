// The SP rule a login test exercises, as a Playwright tag: \`certify --self-check\` runs a rule's
// tagged tests first for the defect switches of that rule (portal/defects.ts RULES). Tests of the
// conformance matrix need none: they carry the reason code they expect, which the self-check reads.
export const RULE = {
  redirectUri: '@rule:native.redirect-uri',
  clientId: '@rule:native.client-id',
  pkce: '@rule:native.pkce',
  codeOnce: '@rule:native.code-once',
  requestBinding: '@rule:native.request-binding',
  ssoEnabled: '@rule:web.sso-enabled',
  returnPath: '@rule:web.return-path',
  sessionRenewal: '@rule:session.renewal',
  sessionLogout: '@rule:session.logout',
  sessionCookieFlags: '@rule:session.cookie-flags',
  sessionKinds: '@rule:session.kinds',
  seatDisabled: '@rule:session.seat-disabled',
  seatEmailUnique: '@rule:seats.email-unique',
  auditActor: '@rule:audit.actor',
  metadataSigningKeys: '@rule:metadata.signing-keys',
  metadataRedirects: '@rule:metadata.redirects',
  enableWarnings: '@rule:sso.enable-warnings',
  antiForgery: '@rule:web.anti-forgery',
  adminRole: '@rule:web.admin-role',
  supportGrantScope: '@rule:support.grant-scope',
  tenantIsolation: '@rule:tenant.isolation',
  secretsHidden: '@rule:web.secrets-hidden',
  harnessToken: '@rule:harness.token',
} as const;
