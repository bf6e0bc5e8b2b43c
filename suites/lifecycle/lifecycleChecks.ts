// Checks of the lifecycle story that read more than one page: a seat of an SSO account cannot log in
// with a password (on the password form the portal offers directly, or by never being offered a
// password step), and the audit trail names each step and who took it (through the provisioning
// audit, and on the audit log page when the target shows one), in the target's words mapped.
import { expect, test } from '@playwright/test';
import { ANNOTATION } from '../../reporting/index.ts';
import type { AuditEvent } from '../../lib/index.ts';
import type { LoginFlow } from '../../mock-idps/index.ts';
import { liveSessionsOf } from '../driver/liveSessions.ts';
import { watchRefusal } from '../driver/refusalReason.ts';
import type { PortalDriver } from '../driver/portalDriver.ts';
import { expectOnPortal } from '../entrypoints/entryPoint.ts';
import type { SeatLogin } from '../fixtures.ts';
import { idpSignInPrompt } from '../idp/idpSignIn.ts';
import { auditActionOf } from '../target/capabilities.ts';
import type { HarnessTarget } from '../target/harnessTarget.ts';

/** A seat of an account with SSO on tries its password: refused, no session. */
export async function expectPasswordRefused(
  driver: PortalDriver,
  target: HarnessTarget,
  seat: SeatLogin,
  loginFlow: LoginFlow,
): Promise<void> {
  const sessionsOf = (): Promise<number> => liveSessionsOf(driver, seat.email, 'password');
  const before = await sessionsOf();
  if (driver.login.hasDirectPasswordForm) {
    const watch = await watchRefusal(target, driver.account.accountId, driver.page);
    await driver.login.submitPasswordForm(seat.email, seat.password);
    await driver.refusal.expectShown();
    await expectOnPortal(driver, `the password login of ${seat.email}`);
    await watch.judge(['sso-required'], `password login of ${seat.email} refused`);
  } else {
    test.info().annotations.push({
      type: 'note',
      description:
        'The target offers no password form reachable directly (urls.passwordLogin): checked that the email step offers no password step instead.',
    });
    await driver.login.continueWith(seat.email);
    await expect(idpSignInPrompt(driver.page, loginFlow).or(driver.refusal.alert).or(driver.home.logOutControl).first()).toBeVisible();
    await expect(driver.login.password, `a seat of an SSO account (${seat.email}) is offered no password step`).toHaveCount(0);
  }
  expect(await sessionsOf(), `no password session of ${seat.email}`).toBe(before);
}

/** The actions of the story every audit trail must hold (the harness's words). */
function requiredActions(options: { readonly passwordRefused: boolean; readonly portalRefusal: boolean }): string[] {
  return [
    'sso.config.saved',
    'sso.enabled',
    'sso.login.succeeded',
    'support.access.granted',
    'support.sso.disabled',
    'password.login.succeeded',
    ...(options.passwordRefused ? ['password.login.refused'] : []),
    ...(options.portalRefusal ? ['sso.login.refused'] : []),
  ];
}

export async function expectAuditTrail(
  driver: PortalDriver,
  target: HarnessTarget,
  options: { readonly adminEmail: string; readonly portalRefusal: boolean },
): Promise<void> {
  const capabilities = target.capabilities;
  if (!capabilities.audit) {
    test.info().annotations.push({
      type: ANNOTATION.notVerifiable,
      description: 'audit trail: the target declares no audit vocabulary ("audit" in its target file)',
    });
    return;
  }
  const required = requiredActions({ passwordRefused: driver.login.hasDirectPasswordForm, portalRefusal: options.portalRefusal });
  const events: readonly AuditEvent[] = (await driver.accountState()).auditEvents;
  const actions = events.map((event) => auditActionOf(capabilities, event));
  for (const action of required) expect(actions, `the audit (provisioning API) records ${action}`).toContain(action);
  const bySupport = events.filter((event) => auditActionOf(capabilities, event).startsWith('support.'));
  expect(
    bySupport.map((event) => event.actor.kind),
    "support's actions are recorded as done by support",
  ).toEqual(bySupport.map(() => 'support'));
  const enabled = events.find((event) => auditActionOf(capabilities, event) === 'sso.enabled');
  expect(enabled?.actor.label.toLowerCase(), 'the admin who enabled SSO is named').toContain(options.adminEmail.toLowerCase());

  if (!driver.auditLog.available) return;
  await driver.auditLog.goto();
  const shown = await driver.auditLog.entries();
  const words = new Map([...capabilities.audit.actions].map(([theirs, ours]) => [theirs, ours]));
  const shownActions = shown.map((entry) => words.get(entry.action) ?? entry.action);
  for (const action of required) expect(shownActions, `the audit log page shows ${action}`).toContain(action);
  expect(
    shown.find((entry) => (words.get(entry.action) ?? entry.action) === 'sso.enabled')?.actor.toLowerCase(),
    'the audit log page names the admin who enabled SSO',
  ).toContain(options.adminEmail.toLowerCase());
}
