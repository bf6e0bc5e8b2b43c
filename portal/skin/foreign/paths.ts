// The foreign portal's addresses, parameters, field names and cookies: none shares a path, a
// field name or a cookie name with the reference portal (only /_harness/… is common to both).
import type { SsoFieldKey } from '../../web/ssoForm.ts';
import type { NoticeKey, SkinAnchors, SkinCookies, SkinFields, SkinPaths, SkinQuery } from '../types.ts';

export const FOREIGN_PATHS: SkinPaths = {
  root: '/',
  stylesheet: '/static/ui.css',
  login: '/signin',
  passwordLogin: '/signin/secret',
  logout: '/signout',
  home: '/dashboard',
  settings: '/org/settings/identity',
  settingsProfile: '/org/settings/profile',
  ssoSave: '/org/settings/identity/connection',
  idpUsers: '/org/settings/identity/directory',
  ssoTest: '/org/settings/identity/connection/check',
  ssoEnable: '/org/settings/identity/enforce',
  ssoDisable: '/org/settings/identity/relax',
  seats: '/org/members',
  seatsCsv: '/org/members/export',
  seatsImport: '/org/members/bulk',
  seat: '/org/members/:seatId',
  auditLog: '/org/activity',
  apiSeatAudit: '/v1/orgs/:accountId/member-checks',
  apiAuditLog: '/v1/orgs/:accountId/activity',
  support: '/staff',
  supportLogin: '/staff/session',
  supportLogout: '/staff/session/end',
  supportAccount: '/staff/orgs/:accountId',
  supportAccess: '/staff/orgs/:accountId/unlock',
  supportSsoDisable: '/staff/orgs/:accountId/identity/suspend',
  sp: {
    signOn: '/auth/:accountId/begin',
    acs: '/saml2/:accountId/consume',
    metadata: '/saml2/:accountId/descriptor',
    oidcCallback: '/auth/oidc/:accountId/return',
  },
  native: {
    authorize: '/connect/authorize',
    resume: '/connect/authorize/continue',
    token: '/connect/token',
    userinfo: '/connect/userinfo',
  },
};

export const FOREIGN_QUERY: SkinQuery = {
  returnTo: 'next',
  account: 'org',
  email: 'login_hint',
  notice: 'done',
  request: 'tx',
  search: 'find',
};

const CONNECTION_FIELDS: Readonly<Record<SsoFieldKey, string>> = {
  protocol: 'conn[kind]',
  vendor: 'conn[template]',
  allowedClockSkewSeconds: 'conn[tolerance]',
  metadataSource: 'conn[md_source]',
  metadataUrl: 'conn[md_link]',
  metadataFile: 'conn[md_file]',
  metadataXml: 'conn[md_xml]',
  idpEntityId: 'conn[idp_entity]',
  idpSsoUrl: 'conn[idp_endpoint]',
  idpCertificate: 'conn[idp_cert]',
  requireSignedResponse: 'conn[verify_message]',
  requireSignedAssertion: 'conn[verify_assertion]',
  allowIdpInitiated: 'conn[provider_started]',
  emailAttribute: 'conn[email_attr]',
  issuer: 'conn[authority]',
  clientId: 'conn[app_id]',
  clientSecret: 'conn[app_secret]',
  scopes: 'conn[scopes]',
  emailClaim: 'conn[email_claim]',
  hostedDomain: 'conn[workspace_hd]',
};

export const FOREIGN_FIELDS: SkinFields = {
  csrf: 'authenticity_token',
  email: 'username',
  password: 'passphrase',
  confirm: 'acknowledged',
  accountName: 'org_name',
  ssoDomains: 'verified_domains',
  idpUsersFile: 'directory_csv',
  seatName: 'display_name',
  seatEmail: 'work_email',
  seatRole: 'access_level',
  seatPassword: 'initial_passphrase',
  seatNewPassword: 'reset_passphrase',
  seatDisabled: 'suspended',
  seatsFile: 'roster_file',
  seatsCsv: 'roster_text',
  supportEmail: 'staff_login',
  supportPassword: 'staff_secret',
  ticket: 'case_ref',
  reason: 'justification',
  sso: CONNECTION_FIELDS,
};

export const FOREIGN_COOKIES: SkinCookies = {
  seatSession: 'wph_session',
  supportSession: 'wph_staff',
  browser: 'bid',
  pendingLogin: 'sso_tx',
};

export const FOREIGN_NOTICE_KEYS: Readonly<Record<NoticeKey, string>> = {
  accountSaved: 'profile',
  ssoSaved: 'connection',
  idpUsersSaved: 'directory',
  ssoEnabled: 'enforced',
  ssoDisabled: 'relaxed',
  seatAdded: 'member-created',
  seatSaved: 'member-updated',
  seatsImported: 'roster',
  supportSsoDisabled: 'suspended',
};

export const FOREIGN_ANCHORS: SkinAnchors = {
  idpAndSso: 'single-sign-on',
  idpLinks: 'provider-values',
  seatAudit: 'address-check',
  enableSso: 'enforcement',
};

/** An element id for a field name (`conn[idp_cert]` → `fx-conn-idp_cert`). */
export function fieldId(name: string): string {
  return `fx-${name.replace(/[^A-Za-z0-9_]+/g, '-').replace(/-+$/, '')}`;
}
