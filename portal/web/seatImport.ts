// Applying an imported seat list: seats are matched by email (without case); a known email
// updates that seat, a new one adds a seat (without a password: it logs in through SSO, or an
// admin sets one). Seats missing from the file are left alone — an import never deletes.
import { transaction } from '../db/database.ts';
import { emailKey, type Seat } from '../db/accounts.ts';
import type { PortalStore } from '../db/store.ts';
import type { CsvLineError, SeatCsvRow } from './seatCsv.ts';

export interface SeatImportPlan {
  readonly adds: readonly SeatCsvRow[];
  readonly updates: readonly { readonly seat: Seat; readonly row: SeatCsvRow }[];
  readonly unchanged: number;
}

export type SeatImportCheck =
  { readonly ok: true; readonly plan: SeatImportPlan } | { readonly ok: false; readonly errors: readonly CsvLineError[] };

export function planSeatImport(existing: readonly Seat[], rows: readonly SeatCsvRow[]): SeatImportCheck {
  const errors: CsvLineError[] = [];
  const adds: SeatCsvRow[] = [];
  const updates: { seat: Seat; row: SeatCsvRow }[] = [];
  let unchanged = 0;
  for (const row of rows) {
    const matches = existing.filter((seat) => emailKey(seat.email) === emailKey(row.email));
    const [seat] = matches;
    if (matches.length > 1) {
      errors.push({
        line: row.line,
        message: `${matches.length} seats already have the email ${row.email}, so this line cannot tell which one to update. Give those seats distinct emails first (see the seat email audit).`,
      });
    } else if (!seat) {
      adds.push(row);
    } else if (seat.name === row.name && seat.email === row.email && seat.role === row.role && seat.disabled === row.disabled) {
      unchanged += 1;
    } else {
      updates.push({ seat, row });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const after = [...existing.map((seat) => updates.find((update) => update.seat.id === seat.id)?.row ?? seat), ...adds];
  if (!after.some((seat) => seat.role === 'admin' && !seat.disabled)) {
    return {
      ok: false,
      errors: [
        {
          line: 1,
          message:
            'After this import the account would have no enabled admin, and nobody could manage it. Keep at least one admin seat enabled.',
        },
      ],
    };
  }
  return { ok: true, plan: { adds, updates, unchanged } };
}

export function applySeatImport(store: PortalStore, accountId: number, plan: SeatImportPlan): void {
  transaction(store.sqlite, () => {
    for (const row of plan.adds) store.seats.add(accountId, { name: row.name, email: row.email, role: row.role, disabled: row.disabled });
    for (const { seat, row } of plan.updates)
      store.seats.update(seat.id, { name: row.name, email: row.email, role: row.role, disabled: row.disabled });
  });
}
