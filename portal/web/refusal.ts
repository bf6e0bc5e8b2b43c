// Every SSO / login refusal ends here: an error page with the stable reason code, the plain words
// and the fix from lib/reasons.ts, and one audit event. No session, no redirect, nothing else.
import type { Response } from 'express';
import { REASONS, type ReasonCode } from '../../lib/reasons.ts';
import type { PortalContext } from '../context.ts';
import type { Actor } from '../db/audit.ts';
import { html, type SafeHtml } from './html.ts';
import { sendPage } from './layout.ts';

/** Response header carrying the reason code, for API clients and the harness's own assertions. */
export const REASON_HEADER = 'X-OE-Reason';

export interface Refusal {
  readonly reason: ReasonCode;
  /** Specifics (expected vs received values); never a secret. */
  readonly detail?: string;
  readonly accountId?: number;
  readonly actor?: Actor;
  /** Audit action, e.g. `sso.login.refused`, `password.login.refused`. */
  readonly action: string;
  readonly status?: number;
  readonly heading?: string;
  /** The way forward, e.g. "Continue with SSO" for sso-required. */
  readonly next?: { readonly href: string; readonly label: string };
}

export function refusalBody(reason: ReasonCode, detail: string | undefined, heading: string, next?: Refusal['next']): SafeHtml {
  const info = REASONS[reason];
  return html`<h1>${heading}</h1>
<div role="alert" class="error">
  <p>${info.message}</p>
  <p>Reason code: <code data-reason="${reason}">${reason}</code></p>
</div>
${detail && html`<h2>Details</h2><p>${detail}</p>`}
<h2>What to change</h2>
<p>${info.fix}</p>
${next && html`<p><a href="${next.href}">${next.label}</a></p>`}
<p><a href="/login">Back to the login page</a></p>`;
}

export function refuse(ctx: PortalContext, res: Response, refusal: Refusal): void {
  ctx.store.audit.record({
    ...(refusal.accountId === undefined ? {} : { accountId: refusal.accountId }),
    actor: refusal.actor ?? { kind: 'anonymous', label: 'not logged in' },
    action: refusal.action,
    reason: refusal.reason,
    detail: refusal.detail ?? REASONS[refusal.reason].message,
  }, ctx.now().getTime());
  res.setHeader(REASON_HEADER, refusal.reason);
  sendPage(res, { status: refusal.status ?? 403, title: refusal.heading ?? 'Login refused', body: refusalBody(refusal.reason, refusal.detail, refusal.heading ?? 'Login refused', refusal.next) });
}
