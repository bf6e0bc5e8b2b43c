// The foreign skin: the same portal engine (accounts, seats, SSO checks, defect switches) dressed
// as a portal written by another team — other paths, words, markup, field and cookie names, its
// own refusal pages (no reason codes, no X-OE-Reason), its own audit vocabulary, other native-app
// client ids and a flat userinfo answer. It proves the harness relies on nothing of the reference
// portal but what a target file and the provisioning API say (portal/foreign/target.partial.json).
import type { NativeClientConfig } from '../../native/clients.ts';
import type { PortalSkin } from '../types.ts';
import { FOREIGN_ANCHORS, FOREIGN_COOKIES, FOREIGN_FIELDS, FOREIGN_NOTICE_KEYS, FOREIGN_PATHS, FOREIGN_QUERY } from './paths.ts';
import { FOREIGN_STYLESHEET } from './stylesheet.ts';
import { FOREIGN_TEXT } from './text.ts';
import { enableConfirm, refusal, testResult } from './views/connection.ts';
import { activityPage, memberPage, membersPage } from './views/members.ts';
import { settingsPage } from './views/settings.ts';
import { accountChoice, csrfField, documentOf, emailStep, errorBody, home, passwordStep, seatNav, supportNav } from './views/shell.ts';
import { staffLogin, staffOrganisation, staffSearch, staffUnlock } from './views/staff.ts';
import { FOREIGN_ACTIONS, FOREIGN_REFUSALS, FOREIGN_SEAT_AUDIT_KINDS, foreignSeatAuditMessage } from './words.ts';

export const FOREIGN_NATIVE_CLIENTS: NativeClientConfig = {
  desktop: { clientId: 'ooma-desktop-app', name: 'Ooma desktop app' },
  mobile: {
    clientId: 'ooma-mobile-app',
    name: 'Ooma mobile app',
    scheme: 'com.ooma.oe.app',
    redirectUri: 'com.ooma.oe.app:/signin-callback',
  },
};

export const foreignSkin: PortalSkin = {
  name: 'foreign',
  paths: FOREIGN_PATHS,
  query: FOREIGN_QUERY,
  fields: FOREIGN_FIELDS,
  cookies: FOREIGN_COOKIES,
  noticeKeys: FOREIGN_NOTICE_KEYS,
  anchors: FOREIGN_ANCHORS,
  vocabulary: {
    action: (action) => FOREIGN_ACTIONS[action],
    reason: (reason) => FOREIGN_REFUSALS[reason].word,
    seatAuditKind: (kind) => FOREIGN_SEAT_AUDIT_KINDS[kind],
    seatAuditMessage: foreignSeatAuditMessage,
  },
  actors: {
    seat: (seat) => ({ kind: 'seat', label: `${seat.email} · ${seat.name}, ${seat.role === 'admin' ? 'owner' : 'member'}` }),
    support: (staff, grant) => ({
      kind: 'support',
      label: `${staff.name} <${staff.email}> · Ooma Support staff${grant ? `, case ${grant.ticket}` : ''}`,
    }),
    anonymous: (email) => ({ kind: 'anonymous', label: email ? `signed-out visitor who typed ${email}` : 'signed-out visitor' }),
    ssoIdentity: (email) => ({ kind: 'anonymous', label: email ? `provider identity ${email}` : 'provider answer without an identity' }),
    nativeApp: (name) => ({ kind: 'anonymous', label: `${name} (before sign-in)` }),
    portal: { kind: 'system', label: 'workplace hub' },
    testSso: { kind: 'system', label: 'connection test' },
    harness: { kind: 'harness', label: 'provisioning API' },
  },
  text: FOREIGN_TEXT,
  views: {
    stylesheet: FOREIGN_STYLESHEET,
    document: documentOf,
    csrfField,
    seatNav,
    supportNav,
    errorBody,
    emailStep,
    accountChoice,
    passwordStep,
    home,
    accountPage: settingsPage,
    testResult,
    enableConfirm,
    seatsPage: membersPage,
    seatEdit: memberPage,
    auditLogPage: activityPage,
    supportLogin: staffLogin,
    supportSearch: staffSearch,
    supportAccess: staffUnlock,
    supportAccount: staffOrganisation,
    refusal,
  },
  nativeClients: FOREIGN_NATIVE_CLIENTS,
  nativeUserinfo: (seat, account) => ({ email: seat.email, role: seat.role, accountName: account.name }),
};
