// lib/'s door: the shared kit — CSV, HTML, the HTTP browser, loopback, email and seat rules, the harness contract, secrets, errors,
// certificates.
export { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumExecutable } from './browserBinary.ts';
export { CodedError } from './codedError.ts';
export { csvField, parseCsv, toCsv, unguardCell } from './csv.ts';
export { isEmailAddress, isGuestUpn } from './emailAddress.ts';
export { freshConnectionFetch } from './freshConnectionFetch.ts';
export {
  HARNESS_AUDIT_ACTIONS,
  HARNESS_CONTRACT_VERSION,
  HARNESS_PATHS,
  SEAT_AUDIT_KINDS,
  isHarnessAuditAction,
  isSeatAuditKind,
} from './harnessContract.ts';
export type {
  AccountSpec,
  AccountState,
  AuditEvent,
  NativeClients,
  NativeUserinfo,
  PortalUrls,
  ProvisionedAccount,
  SeatChangeSpec,
  SeatSession,
  SeatSpec,
  SsoConfigSpec,
} from './harnessContract.ts';
export { escapeHtml } from './html.ts';
export {
  attributesOf,
  decodeEntities,
  formWithButton,
  formWithLabel,
  inputNameFor,
  parseForms,
  submission,
  visibleText,
} from './http/htmlForms.ts';
export { HttpBrowser, type HttpPage } from './http/httpBrowser.ts';
export { parseIdpUserExport } from './idpUserExport.ts';
export { PortInUseError, closeServer, isLoopbackAddress, isLoopbackHost, listenOnLoopback } from './net.ts';
export { REASONS, isReasonCode, type ReasonCode } from './reasons.ts';
export { auditSeatEmails, type SeatAuditFinding, type SeatAuditKind, type SeatForAudit } from './seatEmailAudit.ts';
export { SecretScrubber, scrubPatterns } from './secretScrubber.ts';
export { vendorOptionKey, vendorOptionNames } from './vendorOptionKey.ts';
export {
  certificateSubjectOf,
  generateTestKeyPair,
  generateTestKeyPairAsync,
  pemBody,
  recertifyTestKeyPair,
  testKeyPairFromPrivateKey,
  toCertificatePem,
  type DistinguishedName,
  type TestKeyPair,
} from './x509.ts';
