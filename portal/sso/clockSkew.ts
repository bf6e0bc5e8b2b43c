// The allowed clock skew between the portal and the IdP, as typed in the IdP and SSO section.

export const MAX_CLOCK_SKEW_SECONDS = 600;

export type ClockSkewParse = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly message: string };

/** A whole number of seconds, 0..600 (10 minutes: beyond that a clock is broken, not skewed). */
export function parseClockSkew(raw: string | number | undefined, fallback?: number): ClockSkewParse {
  const text = typeof raw === 'number' ? String(raw) : (raw ?? '').trim();
  if (text === '' && fallback !== undefined) return { ok: true, value: fallback };
  if (!/^\d{1,4}$/.test(text) || Number(text) > MAX_CLOCK_SKEW_SECONDS) {
    return {
      ok: false,
      message: `The allowed clock skew must be a whole number of seconds from 0 to ${MAX_CLOCK_SKEW_SECONDS}${text === '' ? '' : `, not "${text.slice(0, 20)}"`}. 120 suits most IdPs; if logins fail with "not yet valid" or "expired", fix the clocks (NTP) first.`,
    };
  }
  return { ok: true, value: Number(text) };
}
