// What every route module of the portal shares: the store, the clock, the defect switches, the skin.
import type { DefectSet } from './sso/contract.ts';
import type { PortalStore } from './db/store.ts';
import type { PortalSkin } from './skin/types.ts';

export interface PortalTimings {
  readonly seatSessionMs: number;
  readonly supportSessionMs: number;
  /** How long an SSO login may take between the redirect to the IdP and the response. */
  readonly pendingLoginMs: number;
  /** Support access to an account lasts this long after the ticket is entered. */
  readonly supportGrantMs: number;
  readonly nativeRequestMs: number;
  /** RFC 6749 §4.1.2 recommends at most 10 minutes; native apps redeem codes at once. */
  readonly nativeCodeMs: number;
  readonly nativeTokenMs: number;
}

export const DEFAULT_TIMINGS: PortalTimings = {
  seatSessionMs: 8 * 3600_000,
  supportSessionMs: 2 * 3600_000,
  pendingLoginMs: 10 * 60_000,
  supportGrantMs: 60 * 60_000,
  nativeRequestMs: 10 * 60_000,
  nativeCodeMs: 60_000,
  nativeTokenMs: 3600_000,
};

export interface PortalContext {
  readonly store: PortalStore;
  readonly defects: DefectSet;
  readonly csrfKey: Buffer;
  readonly harnessToken?: string;
  readonly now: () => Date;
  readonly timings: PortalTimings;
  /** `http://127.0.0.1:<port>`, known once the server listens; every SP URL derives from it. */
  readonly baseUrl: () => string;
  /** Paths, words, markup, cookie names… of this portal (reference or foreign). */
  readonly skin: PortalSkin;
}
