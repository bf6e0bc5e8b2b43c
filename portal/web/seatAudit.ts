// The seat email audit of one account, as the SSO library computes it from the account's seats,
// SSO domains and the last IdP user export.
import type { PortalStore } from '../db/store.ts';
import type { Account } from '../db/accounts.ts';
import type { SkinVocabulary } from '../skin/types.ts';
import type { SeatAuditFinding } from '../sso/contract.ts';
import { auditSeatEmails } from '../../lib/index.ts';

export function seatAuditFor(store: PortalStore, account: Account): SeatAuditFinding[] {
  const seats = store.seats.listByAccount(account.id).map(({ id, name, email, role, disabled }) => ({ id, name, email, role, disabled }));
  const idpExport = store.idpUsers.get(account.id);
  return auditSeatEmails(seats, { ssoDomains: [...account.ssoDomains], ...(idpExport ? { idpUsers: [...idpExport.emails] } : {}) });
}

/** The JSON shape of the seat audit API (`GET /api/accounts/:id/seat-audit`): kinds and messages in the skin's words. */
export function seatAuditJson(store: PortalStore, account: Account, words: SkinVocabulary) {
  const findings = seatAuditFor(store, account);
  const idpExport = store.idpUsers.get(account.id);
  return {
    accountId: account.id,
    ssoDomains: account.ssoDomains,
    idpExport: idpExport
      ? { users: idpExport.emails.length, uploadedAt: new Date(idpExport.uploadedAt).toISOString(), uploadedBy: idpExport.uploadedBy }
      : null,
    blocking: findings.filter((finding) => finding.blocking).length,
    findings: findings.map((finding) => ({
      ...finding,
      kind: words.seatAuditKind(finding.kind),
      message: words.seatAuditMessage(finding),
    })),
  };
}
