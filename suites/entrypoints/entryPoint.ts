// The places a seat logs in to OE (DESIGN lifecycle step 7: QA checks SSO on the admin portal,
// the desktop app and the mobile app), behind one interface so suites iterate over them as data.
import { expect, type Locator } from '@playwright/test';
import type { Symptom } from '../../mock-idps/index.ts';
import { SELECTION_ENV } from '../../reporting/index.ts';
import type { PortalDriver } from '../driver/portalDriver.ts';
import type { SeatLogin } from '../fixtures.ts';

/**
 * Where the customer sees a failed login: a portal refusal with its reason code, or an IdP error page (one definition, with the lockout
 * causes).
 */
export type { Symptom };

export const ENTRY_POINT_IDS = ['web', 'desktop', 'mobile-ios', 'mobile-android'] as const;
export type EntryPointId = (typeof ENTRY_POINT_IDS)[number];
export type NativeEntryPointId = Exclude<EntryPointId, 'web'>;

export function describeSymptom(symptom: Symptom): string {
  return symptom.at === 'portal' ? `portal refusal ${symptom.reason}` : `IdP error ${symptom.code}`;
}

/** What shows the symptom in a browser tab driven through the portal driver: the portal's refusal (role=alert), or the IdP's error code. */
export function symptomShown(portal: PortalDriver, symptom: Symptom): Locator {
  return symptom.at === 'portal' ? portal.refusal.alert.first() : portal.page.getByText(symptom.code).first();
}

/** A portal refusal is shown by the portal: the tab is on the portal's origin, not on an IdP page with an alert of its own. */
export async function expectOnPortal(portal: PortalDriver, what: string): Promise<void> {
  const portalOrigin = new URL(portal.account.urls.login).origin;
  await expect
    .poll(() => new URL(portal.page.url()).origin, { message: `${what}: the tab shows a page of the portal (${portalOrigin})` })
    .toBe(portalOrigin);
}

/** The seat an entry point ends up logged in as, as that entry point reports it. */
export interface LoggedInSeat {
  readonly email: string;
  /** When the entry point reports it (the apps' userinfo may). */
  readonly role?: string;
  readonly accountName?: string;
  /** Where this was read: the portal's live sessions (web), or the app's userinfo with its access token. */
  readonly seenOn: string;
}

/** What the person saw when the login failed. */
export interface LoginFailure {
  readonly symptom: Symptom;
  /** The page text at that moment (refusal details name the email to fix and where). */
  readonly shown: string;
}

export interface EntryPoint {
  readonly id: EntryPointId;
  /** For step titles and reports, e.g. "desktop app (RFC 8252 loopback)". */
  readonly title: string;
  /** SSO login as `seat` on this entry point (email first, then the IdP, reusing the person's IdP session there). */
  logIn(seat: SeatLogin): Promise<LoggedInSeat>;
  /** The SSO login of `seat` fails with `symptom`, and nothing is signed in. */
  expectFails(seat: SeatLogin, symptom: Symptom): Promise<LoginFailure>;
  /** The person signs out here: no portal session of theirs stays live on this entry point. */
  logOut(seat: SeatLogin): Promise<void>;
}

/** `mobile` stands for both phones, as in `sso-harness certify --entry web,desktop,mobile`. */
const ENTRY_POINT_GROUPS: Readonly<Record<string, readonly EntryPointId[]>> = {
  web: ['web'],
  desktop: ['desktop'],
  mobile: ['mobile-ios', 'mobile-android'],
  'mobile-ios': ['mobile-ios'],
  'mobile-android': ['mobile-android'],
};

/**
 * The entry points a run covers: all of them, or those named in SSO_HARNESS_ENTRY_POINTS (comma-separated:
 * web, desktop, mobile, mobile-ios, mobile-android), which `certify --entry` sets (reporting/selection.ts).
 */
export function selectedEntryPoints(env: NodeJS.ProcessEnv = process.env): readonly EntryPointId[] {
  const setting = env[SELECTION_ENV.entryPoints]?.trim();
  if (!setting) return ENTRY_POINT_IDS;
  const names = setting
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const unknown = names.filter((name) => !Object.hasOwn(ENTRY_POINT_GROUPS, name));
  if (unknown.length > 0) {
    throw new Error(
      `${SELECTION_ENV.entryPoints} names unknown entry point${unknown.length > 1 ? 's' : ''} ${unknown.map((name) => `"${name}"`).join(', ')}. Use a comma-separated list of: ${Object.keys(ENTRY_POINT_GROUPS).join(', ')}.`,
    );
  }
  const chosen = new Set(names.flatMap((name) => ENTRY_POINT_GROUPS[name] ?? []));
  return ENTRY_POINT_IDS.filter((id) => chosen.has(id));
}
