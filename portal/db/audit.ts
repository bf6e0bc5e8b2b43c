// The account audit log: every login refusal, configuration change and support action, with who
// did it. Customer admins read it; support actions appear in it by design (issue 3 item 8).
import type { DatabaseSync } from 'node:sqlite';
import { HARNESS_AUDIT_ACTIONS } from '../../lib/index.ts';
import type { ReasonCode } from '../../lib/index.ts';
import { num, optNum, optStr, str, type Row } from './rows.ts';

export type ActorKind = 'seat' | 'support' | 'anonymous' | 'system' | 'harness';

/** Every action the portal records, in the harness's words (lib/harnessContract.ts; a skin translates them on output). */
export const AUDIT_ACTIONS = HARNESS_AUDIT_ACTIONS;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface Actor {
  readonly kind: ActorKind;
  /** Human label, e.g. `Ada Admin <ada@corp.example>` or `Ooma support: Sam (ticket OE-1234)`. */
  readonly label: string;
}

export interface AuditEvent {
  readonly id: number;
  readonly accountId?: number;
  readonly at: number;
  readonly actor: Actor;
  /** Dotted action name, e.g. `sso.login.refused`, `sso.config.saved`, `support.sso.disabled`. */
  readonly action: AuditAction;
  readonly reason?: ReasonCode;
  /** Plain words; never a secret (no passwords, client secrets, cookies or token signatures). */
  readonly detail: string;
}

export type NewAuditEvent = Omit<AuditEvent, 'id' | 'at'>;

function toEvent(row: Row): AuditEvent {
  const accountId = optNum(row, 'account_id');
  const reason = optStr(row, 'reason') as ReasonCode | undefined;
  return {
    id: num(row, 'id'),
    ...(accountId === undefined ? {} : { accountId }),
    at: num(row, 'at'),
    actor: { kind: str(row, 'actor_kind') as ActorKind, label: str(row, 'actor') },
    action: str(row, 'action') as AuditAction,
    ...(reason === undefined ? {} : { reason }),
    detail: str(row, 'detail'),
  };
}

export function auditRepository(db: DatabaseSync) {
  return {
    record(event: NewAuditEvent, now: number): AuditEvent {
      const result = db
        .prepare('INSERT INTO audit_events (account_id, at, actor_kind, actor, action, reason, detail) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(event.accountId ?? null, now, event.actor.kind, event.actor.label, event.action, event.reason ?? null, event.detail);
      return { ...event, id: Number(result.lastInsertRowid), at: now };
    },
    /** Newest first. */
    listByAccount(accountId: number, limit = 500): AuditEvent[] {
      return db.prepare('SELECT * FROM audit_events WHERE account_id = ? ORDER BY id DESC LIMIT ?').all(accountId, limit).map(toEvent);
    },
  };
}

export type AuditRepository = ReturnType<typeof auditRepository>;
