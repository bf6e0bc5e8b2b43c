// The reference portal's addresses, query parameters, form field names, cookies and fragments:
// one home, read by the routes (through the skin) and by the reference views.
import { REFERENCE_SP_LAYOUT } from '../../sso/spEndpoints.ts';
import { REFERENCE_SSO_FIELDS } from '../../web/ssoForm.ts';
import type { NoticeKey, SkinAnchors, SkinCookies, SkinFields, SkinPaths, SkinQuery } from '../types.ts';

export const REFERENCE_PATHS: SkinPaths = {
  root: '/',
  stylesheet: '/assets/portal.css',
  login: '/login',
  passwordLogin: '/login/password',
  logout: '/logout',
  home: '/home',
  settings: '/account',
  settingsProfile: '/account/settings',
  ssoSave: '/account/sso',
  idpUsers: '/account/sso/idp-users',
  ssoTest: '/account/sso/test',
  ssoEnable: '/account/sso/enable',
  ssoDisable: '/account/sso/disable',
  seats: '/account/seats',
  seatsCsv: '/account/seats.csv',
  seatsImport: '/account/seats/import',
  seat: '/account/seats/:seatId',
  auditLog: '/account/audit-log',
  apiSeatAudit: '/api/accounts/:accountId/seat-audit',
  apiAuditLog: '/api/accounts/:accountId/audit-log',
  support: '/support',
  supportLogin: '/support/login',
  supportLogout: '/support/logout',
  supportAccount: '/support/accounts/:accountId',
  supportAccess: '/support/accounts/:accountId/access',
  supportSsoDisable: '/support/accounts/:accountId/sso/disable',
  sp: REFERENCE_SP_LAYOUT,
  native: { authorize: '/oauth/authorize', resume: '/oauth/authorize/resume', token: '/oauth/token', userinfo: '/api/me' },
};

export const REFERENCE_QUERY: SkinQuery = {
  returnTo: 'return_to',
  account: 'account',
  email: 'email',
  notice: 'notice',
  request: 'request',
  search: 'q',
};

export const REFERENCE_FIELDS: SkinFields = {
  csrf: '_csrf',
  email: 'email',
  password: 'password',
  confirm: 'confirm',
  accountName: 'name',
  ssoDomains: 'ssoDomains',
  idpUsersFile: 'idpUsersFile',
  seatName: 'name',
  seatEmail: 'email',
  seatRole: 'role',
  seatPassword: 'password',
  seatNewPassword: 'newPassword',
  seatDisabled: 'disabled',
  seatsFile: 'seatsFile',
  seatsCsv: 'seatsCsv',
  supportEmail: 'email',
  supportPassword: 'password',
  ticket: 'ticket',
  reason: 'reason',
  sso: REFERENCE_SSO_FIELDS,
};

export const REFERENCE_COOKIES: SkinCookies = {
  /** Customer seat session. */
  seatSession: 'oe_session',
  /** Support staff session: a separate login, never shared with a seat session. */
  supportSession: 'oe_support',
  /** Anonymous browser id: binds pre-login CSRF tokens and native authorization requests. */
  browser: 'oe_browser',
  /** Key of the server-side pending SSO login. */
  pendingLogin: 'oe_pending',
};

export const REFERENCE_NOTICE_KEYS: Readonly<Record<NoticeKey, string>> = {
  accountSaved: 'account-saved',
  ssoSaved: 'sso-saved',
  idpUsersSaved: 'idp-users-saved',
  ssoEnabled: 'sso-enabled',
  ssoDisabled: 'sso-disabled',
  seatAdded: 'seat-added',
  seatSaved: 'seat-saved',
  seatsImported: 'imported',
  supportSsoDisabled: 'sso-disabled',
};

export const REFERENCE_ANCHORS: SkinAnchors = {
  idpAndSso: 'idp-and-sso',
  idpLinks: 'idp-links',
  seatAudit: 'seat-audit',
  enableSso: 'enable-sso',
};
