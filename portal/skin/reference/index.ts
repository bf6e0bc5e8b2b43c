// The reference skin: the reference portal exactly as it has always looked — its paths, words,
// markup, cookie names, refusal pages with the reason code and the X-OE-Reason header, the
// audit log in the harness's own words, and the `oe-desktop` / `oe-mobile` apps.
import { REFERENCE_NATIVE_CLIENTS } from '../../native/clients.ts';
import { accountPageBody } from '../../web/accountView.ts';
import { REFERENCE_ACTORS } from '../../web/actors.ts';
import { auditLogPageBody } from '../../web/auditLogView.ts';
import { STYLESHEET } from '../../web/assets.ts';
import { accountChoiceBody, emailStepBody, homeBody, passwordStepBody } from '../../web/loginViews.ts';
import { REASON_HEADER, refusalBody } from '../../web/refusal.ts';
import { seatEditBody, seatsPageBody } from '../../web/seatViews.ts';
import { enableConfirmBody, testResultBody } from '../../web/ssoViews.ts';
import { supportAccessBody, supportAccountBody, supportLoginBody, supportSearchBody } from '../../support/views.ts';
import type { PortalSkin } from '../types.ts';
import {
  REFERENCE_ANCHORS,
  REFERENCE_COOKIES,
  REFERENCE_FIELDS,
  REFERENCE_NOTICE_KEYS,
  REFERENCE_PATHS,
  REFERENCE_QUERY,
} from './paths.ts';
import { csrfField, errorBody, renderDocument, seatNav, supportNav } from './shell.ts';
import { REFERENCE_TEXT } from './text.ts';

export const referenceSkin: PortalSkin = {
  name: 'reference',
  paths: REFERENCE_PATHS,
  query: REFERENCE_QUERY,
  fields: REFERENCE_FIELDS,
  cookies: REFERENCE_COOKIES,
  noticeKeys: REFERENCE_NOTICE_KEYS,
  anchors: REFERENCE_ANCHORS,
  reasonHeader: REASON_HEADER,
  vocabulary: {
    action: (action) => action,
    reason: (reason) => reason,
    seatAuditKind: (kind) => kind,
    seatAuditMessage: (finding) => finding.message,
  },
  actors: REFERENCE_ACTORS,
  text: REFERENCE_TEXT,
  views: {
    stylesheet: STYLESHEET,
    document: renderDocument,
    csrfField,
    seatNav,
    supportNav,
    errorBody,
    emailStep: emailStepBody,
    accountChoice: accountChoiceBody,
    passwordStep: passwordStepBody,
    home: homeBody,
    accountPage: accountPageBody,
    testResult: testResultBody,
    enableConfirm: enableConfirmBody,
    seatsPage: seatsPageBody,
    seatEdit: seatEditBody,
    auditLogPage: auditLogPageBody,
    supportLogin: supportLoginBody,
    supportSearch: supportSearchBody,
    supportAccess: supportAccessBody,
    supportAccount: supportAccountBody,
    refusal: refusalBody,
  },
  nativeClients: REFERENCE_NATIVE_CLIENTS,
  nativeUserinfo: (seat, account, clientId) => ({
    seat: { id: seat.id, name: seat.name, email: seat.email, role: seat.role },
    account: { id: account.id, name: account.name },
    client: clientId,
  }),
};
