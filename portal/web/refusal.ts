// Every SSO / login refusal ends here: an error page (the skin's: the reference portal shows the
// stable reason code, the plain words and the fix from lib/reasons.ts), the reason header when the
// skin exposes reason codes, and one audit event. No session, no redirect, nothing else.
import type { Response } from 'express';
import { REASONS, type ReasonCode } from '../../lib/index.ts';
import type { PortalContext } from '../context.ts';
import type { Actor, AuditAction } from '../db/audit.ts';
import { REFERENCE_PATHS } from '../skin/reference/paths.ts';
import type { RefusalModel } from '../skin/types.ts';
import { html, type SafeHtml } from './html.ts';
import { sendPage } from './layout.ts';

/** The reference portal's response header carrying the reason code, for API clients and the harness's own assertions. */
export const REASON_HEADER = 'X-OE-Reason';

export interface Refusal {
  readonly reason: ReasonCode;
  /** Specifics (expected vs received values); never a secret. */
  readonly detail?: string;
  readonly accountId?: number;
  readonly actor?: Actor;
  /** Audit action, e.g. `sso.login.refused`, `password.login.refused`. */
  readonly action: AuditAction;
  readonly status?: number;
  readonly heading?: string;
  /** The way forward, e.g. "Continue with SSO" for sso-required. */
  readonly next?: { readonly href: string; readonly label: string };
}

/** Refusals of an SSO login that only the account's admin (or Ooma support) can fix: the IdP set-up, the identity it sends, the seats. */
const ADMIN_FIXES = new Set(['email-missing', 'email-unverified', 'hosted-domain-mismatch', 'no-seat-for-email', 'seat-disabled']);

/** An SSO login refused for the account's set-up: the person refused cannot change it (SSO locks the admins out too). */
export function isSsoSetUpFailure(reason: string): boolean {
  return /^(saml|oidc)-/.test(reason) || ADMIN_FIXES.has(reason);
}

/** The reference refusal page. */
export function refusalBody(m: RefusalModel): SafeHtml {
  const info = REASONS[m.reason];
  return html`<h1>${m.heading}</h1>
<div role="alert" class="error">
  <p>${info.message}</p>
  <p>Reason code: <code data-reason="${m.reason}">${m.reason}</code></p>
</div>
${m.detail && html`<h2>Details</h2><p>${m.detail}</p>`}
${
  isSsoSetUpFailure(m.reason)
    ? html`<h2>What you can do</h2>
<p>Nothing on your side will fix this: your account's SSO set-up needs a change. Tell your account's admin the reason code <code>${m.reason}</code>. If no admin can log in (SSO applies to them too), ask Ooma support: they can turn SSO off for the account while the admin fixes it.</p>
<h2>For your account's admin</h2>
<p>${info.fix}</p>`
    : html`<h2>What to change</h2>
<p>${info.fix}</p>`
}
${m.next && html`<p><a href="${m.next.href}">${m.next.label}</a></p>`}
<p><a href="${REFERENCE_PATHS.login}">Back to the login page</a></p>`;
}

/** Name the reason in the skin's response header, when it has one. */
export function setReasonHeader(ctx: PortalContext, res: Response, reason: ReasonCode): void {
  if (ctx.skin.reasonHeader) res.setHeader(ctx.skin.reasonHeader, reason);
}

export function refuse(ctx: PortalContext, res: Response, refusal: Refusal): void {
  ctx.store.audit.record(
    {
      ...(refusal.accountId === undefined ? {} : { accountId: refusal.accountId }),
      actor: refusal.actor ?? ctx.skin.actors.anonymous(),
      action: refusal.action,
      reason: refusal.reason,
      detail: refusal.detail ?? REASONS[refusal.reason].message,
    },
    ctx.now().getTime(),
  );
  setReasonHeader(ctx, res, refusal.reason);
  const heading = refusal.heading ?? ctx.skin.text.defaultRefusalHeading;
  sendPage(ctx, res, {
    status: refusal.status ?? 403,
    title: heading,
    body: ctx.skin.views.refusal({
      reason: refusal.reason,
      heading,
      ...(refusal.detail ? { detail: refusal.detail } : {}),
      ...(refusal.next ? { next: refusal.next } : {}),
    }),
  });
}
