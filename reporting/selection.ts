// What `sso-harness certify --vendors … --protocols … --entry …` selects, handed to Playwright in
// two ways: a --grep over test titles (persona display names and ids, which every persona test
// names), and environment variables that specs iterating over personas or entry points as data
// can read (`selectedPersonaIds()`, `selectedEntryPoints()`), so that one test covering several
// entry points exercises only the selected ones.
import { PERSONAS, PERSONA_IDS, type PersonaId } from '../mock-idps/index.ts';

// The vendors and protocols are the persona registry's (mock-idps/personas): what --vendors accepts follows it.
export { PROTOCOLS, VENDORS } from '../mock-idps/index.ts';
export const ENTRY_POINTS = ['web', 'desktop', 'mobile'] as const;

export const SELECTION_ENV = {
  vendors: 'SSO_HARNESS_VENDORS',
  protocols: 'SSO_HARNESS_PROTOCOLS',
  entryPoints: 'SSO_HARNESS_ENTRY_POINTS',
} as const;

export interface Selection {
  readonly vendors?: readonly string[];
  readonly protocols?: readonly string[];
  /** `mobile` stands for both mobile entry points (mobile-ios, mobile-android). */
  readonly entryPoints?: readonly string[];
}

export class SelectionError extends Error {}

/** Parse a comma list against its allowed values; undefined when not given. */
export function parseList(option: string, value: string | undefined, allowed: readonly string[]): string[] | undefined {
  if (value === undefined) return undefined;
  const items = [
    ...new Set(
      value
        .split(',')
        .map((item) => item.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  const unknown = items.filter((item) => !allowed.includes(item));
  if (items.length === 0 || unknown.length > 0) {
    throw new SelectionError(
      `--${option} ${unknown.length ? `does not know ${unknown.map((item) => `"${item}"`).join(', ')}` : 'is empty'}: choose from ${allowed.join(', ')} (comma-separated).`,
    );
  }
  return items;
}

export function isScoped(selection: Selection): boolean {
  return Boolean(selection.vendors || selection.protocols || selection.entryPoints);
}

export function selectedPersonaIdsFor(selection: Selection): PersonaId[] {
  return PERSONA_IDS.filter((id) => {
    const persona = PERSONAS[id];
    return (
      (!selection.vendors || selection.vendors.includes(persona.vendor)) &&
      (!selection.protocols || selection.protocols.includes(persona.protocol))
    );
  });
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The --grep for a vendor/protocol selection: a title naming a selected persona (display name or
 * id). Undefined when all personas are selected. Tests that name no persona (e.g. seat audit
 * tests without a vendor) are left out of a scoped run.
 */
export function titleGrep(selection: Selection): string | undefined {
  const ids = selectedPersonaIdsFor(selection);
  if (ids.length === PERSONA_IDS.length) return undefined;
  if (ids.length === 0)
    throw new SelectionError(
      'The selection matches no persona: every persona is one vendor × one protocol; widen --vendors or --protocols.',
    );
  return ids.flatMap((id) => [escapeRegExp(PERSONAS[id].displayName), `(?<![\\w-])${escapeRegExp(id)}(?![\\w-])`]).join('|');
}

/** The selection as environment variables for the Playwright run. */
export function selectionEnv(selection: Selection): Record<string, string> {
  const env: Record<string, string> = {};
  if (selection.vendors) env[SELECTION_ENV.vendors] = selection.vendors.join(',');
  if (selection.protocols) env[SELECTION_ENV.protocols] = selection.protocols.join(',');
  if (selection.entryPoints) env[SELECTION_ENV.entryPoints] = selection.entryPoints.join(',');
  return env;
}

export function selectionFromEnv(env: NodeJS.ProcessEnv = process.env): Selection {
  const read = (name: string): string[] | undefined =>
    env[name]
      ?.split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  const vendors = read(SELECTION_ENV.vendors);
  const protocols = read(SELECTION_ENV.protocols);
  const entryPoints = read(SELECTION_ENV.entryPoints);
  return { ...(vendors ? { vendors } : {}), ...(protocols ? { protocols } : {}), ...(entryPoints ? { entryPoints } : {}) };
}

/** For specs that generate tests per persona: the personas this run selected (all by default). */
export function selectedPersonaIds(env: NodeJS.ProcessEnv = process.env): PersonaId[] {
  return selectedPersonaIdsFor(selectionFromEnv(env));
}
