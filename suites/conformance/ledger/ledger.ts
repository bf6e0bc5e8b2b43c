// The expected-failures ledger: known, accepted deviations of a target from the fault catalog,
// versioned in the repo (expected-failures.json). A ledgered scenario runs as an expected failure
// (Playwright `test.fail()`): failing is reported as a known deviation, passing fails the run —
// so an entry that no longer applies must be removed and the ledger cannot rot.
import { readFileSync } from 'node:fs';
import { getFault, isFaultId, type FaultId, PERSONA_IDS, type PersonaId } from '../../../mock-idps/index.ts';
import type { Scenario } from '../scenario.ts';

export const LEDGER_VERSION = 1;
export const LEDGER_PATH = new URL('./expected-failures.json', import.meta.url);

export interface LedgerEntry {
  /** Catalog fault id. */
  readonly fault: FaultId;
  /** Personas the deviation applies to; absent = every persona of the fault. */
  readonly personas?: readonly PersonaId[];
  /** Target name (HarnessTarget.name, e.g. "embedded reference portal", or a remote target's name). */
  readonly target: string;
  /** Why the deviation is accepted, in words a reviewer understands. */
  readonly reason: string;
  /** Where it was decided: ticket, issue, support case, spec section. */
  readonly reference: string;
}

export interface Ledger {
  readonly version: number;
  readonly entries: readonly LedgerEntry[];
}

export class LedgerError extends Error {}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Validate parsed ledger JSON; every problem is named with its entry index and what to change. */
export function parseLedger(raw: unknown, source = 'the ledger'): Ledger {
  if (!isRecord(raw)) throw new LedgerError(`${source} must be a JSON object { "version": ${LEDGER_VERSION}, "entries": [...] }.`);
  if (raw.version !== LEDGER_VERSION)
    throw new LedgerError(
      `${source} has version ${JSON.stringify(raw.version)}; this harness reads version ${LEDGER_VERSION}. Update the file's "version" (and its entries) to the current format.`,
    );
  if (!Array.isArray(raw.entries)) throw new LedgerError(`${source} needs an "entries" array (it may be empty).`);
  const problems: string[] = [];
  const entries: LedgerEntry[] = [];
  const seen = new Set<string>();
  raw.entries.forEach((entry: unknown, index) => {
    const at = `entries[${index}]`;
    if (!isRecord(entry)) {
      problems.push(`${at} must be an object { "fault", "target", "reason", "reference", "personas"? }`);
      return;
    }
    const text = (key: string): string => {
      const value = entry[key];
      if (typeof value !== 'string' || value.trim() === '') problems.push(`${at}.${key} must be a non-empty string`);
      return typeof value === 'string' ? value.trim() : '';
    };
    const fault = text('fault');
    const target = text('target');
    const reason = text('reason');
    const reference = text('reference');
    const known = isFaultId(fault) ? getFault(fault) : undefined;
    if (fault !== '' && !known)
      problems.push(
        `${at}.fault "${fault}" is not in the fault catalog (sso-harness faults lists the ids); remove the entry or fix the id`,
      );
    let personas: PersonaId[] | undefined;
    if (entry.personas !== undefined) {
      if (
        !Array.isArray(entry.personas) ||
        entry.personas.length === 0 ||
        !entry.personas.every((p): p is PersonaId => typeof p === 'string' && (PERSONA_IDS as readonly string[]).includes(p))
      ) {
        problems.push(`${at}.personas must be a non-empty array of persona ids (${PERSONA_IDS.join(', ')}), or be left out for all`);
      } else {
        personas = entry.personas;
        const outside = known ? personas.filter((p) => !known.personas.includes(p)) : [];
        if (outside.length > 0) problems.push(`${at}.personas names ${outside.join(', ')}, which fault ${fault} does not apply to`);
      }
    }
    for (const persona of personas ?? ['*']) {
      const key = `${fault}|${persona}|${target}`;
      if (seen.has(key))
        problems.push(`${at} repeats fault ${fault} for ${persona === '*' ? 'all personas' : persona} on target "${target}"`);
      seen.add(key);
    }
    // An entry with an unknown fault is a problem above: the ledger is refused, so it is never kept.
    if (known) entries.push({ fault: known.id, target, reason, reference, ...(personas ? { personas } : {}) });
  });
  if (problems.length > 0) throw new LedgerError(`${source} is not valid:\n  - ${problems.join('\n  - ')}`);
  return { version: LEDGER_VERSION, entries };
}

export function loadLedger(path: URL | string = LEDGER_PATH): Ledger {
  const source = String(path instanceof URL ? path.pathname : path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new LedgerError(
      `The expected-failures ledger ${source} cannot be read (${(error as Error).message}). Restore it from git; an empty ledger is { "version": ${LEDGER_VERSION}, "entries": [] }.`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new LedgerError(`The expected-failures ledger ${source} is not valid JSON (${(error as Error).message}).`);
  }
  return parseLedger(raw, `The expected-failures ledger ${source}`);
}

/** The ledger entry covering this fault × persona on this target, if any. */
export function knownDeviation(ledger: Ledger, fault: Scenario['fault'], persona: PersonaId, target: string): LedgerEntry | undefined {
  return ledger.entries.find(
    (entry) => entry.fault === fault && entry.target === target && (entry.personas === undefined || entry.personas.includes(persona)),
  );
}
