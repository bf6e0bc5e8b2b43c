// The lifecycle story runs one lockout cause per persona, dealt by protocol: every cause must be
// dealt to some persona, or it is silently never run (and repro has no persona for it).
import { describe, expect, it } from 'vitest';
import { PERSONA_IDS, PERSONAS } from '../personas/index.ts';
import { getFault } from './catalog.ts';
import { defaultPersonaFor, LOCKOUT_CAUSES, lockoutCauseFor, type LockoutCauseId } from './lockoutCauses.ts';

const CAUSE_IDS = Object.keys(LOCKOUT_CAUSES) as LockoutCauseId[];

describe('lockout causes', () => {
  it.each(CAUSE_IDS)('%s runs in the lifecycle story of at least one persona of its protocol', (cause) => {
    const personas = PERSONA_IDS.filter((id) => lockoutCauseFor(id) === cause);
    expect(
      personas.length,
      `no persona is dealt ${cause}: more ${LOCKOUT_CAUSES[cause].protocol} causes than ${LOCKOUT_CAUSES[cause].protocol} personas`,
    ).toBeGreaterThan(0);
    for (const id of personas) expect(PERSONAS[id].protocol).toBe(LOCKOUT_CAUSES[cause].protocol);
    expect(personas).toContain(defaultPersonaFor(cause));
  });

  it.each(CAUSE_IDS)('%s names a catalog fault of its protocol', (cause) => {
    // The id is a FaultId (a misspelt one does not compile); the entry must also be of the cause's protocol.
    expect(getFault(LOCKOUT_CAUSES[cause].fault).protocol).toBe(LOCKOUT_CAUSES[cause].protocol);
  });

  it('deals every persona a cause of its own protocol', () => {
    for (const id of PERSONA_IDS) expect(LOCKOUT_CAUSES[lockoutCauseFor(id)].protocol).toBe(PERSONAS[id].protocol);
  });
});
