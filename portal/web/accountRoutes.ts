// Account parameters (admins only): account name and SSO domains, and the IdP and SSO section —
// save the configuration, upload the IdP user export, Test SSO, Enable / disable.
import { Router, type Request, type Response } from 'express';
import type { PortalContext } from '../context.ts';
import { defectOn } from '../defects.ts';
import type { Account } from '../db/accounts.ts';
import type { AccountPageModel, NoticeKey } from '../skin/types.ts';
import { configurationWarnings } from '../sso/certificateWarnings.ts';
import type { FieldError, SsoSettings, Validated } from '../sso/contract.ts';
import { validateOidcSettings } from '../sso/oidcSettings.ts';
import { validateSamlSettings } from '../sso/samlSettings.ts';
import { parseIdpUserExport } from '../../lib/index.ts';
import { spEndpointsFor } from '../sso/spEndpoints.ts';
import { field, fileText, readForm } from './form.ts';
import { requireAdmin, requireSeat, seatLoginOf, verifyCsrf } from './guards.ts';
import { csrfInput, noticeFor, seatNav, sendPage } from './layout.ts';
import { refuse } from './refusal.ts';
import { seatAuditFor } from './seatAudit.ts';
import { oidcInput, samlInput, valuesFromForm, valuesFromSettings } from './ssoForm.ts';
import { startSso } from './ssoFlows.ts';

type PageOverrides = Partial<Pick<AccountPageModel, 'form' | 'fieldErrors' | 'accountError' | 'idpExportErrors'>> & {
  status?: number;
  account?: Account;
};

/** Warnings about the account's saved SSO configuration, as of now. */
export function currentConfigWarnings(ctx: PortalContext, account: Account): string[] {
  const current = ctx.store.ssoConfigs.current(account.id);
  return current
    ? configurationWarnings(current.settings, ctx.now(), ctx.store.ssoConfigs.observedWarnings(account.id, current.version))
    : [];
}

function renderAccountPage(ctx: PortalContext, req: Request, res: Response, overrides: PageOverrides = {}): void {
  const login = seatLoginOf(req);
  const account = overrides.account ?? login.account;
  const status = ctx.store.ssoConfigs.status(account.id);
  const idpExport = ctx.store.idpUsers.get(account.id);
  const notice = overrides.status
    ? undefined
    : noticeFor(ctx, req, ['accountSaved', 'ssoSaved', 'idpUsersSaved', 'ssoEnabled', 'ssoDisabled']);
  const model: AccountPageModel = {
    account,
    csrf: csrfInput(ctx, req, 'seat'),
    status,
    sp: spEndpointsFor(ctx.baseUrl(), account.id, ctx.skin.paths.sp),
    form: overrides.form ?? valuesFromSettings(status.current?.settings),
    fieldErrors: overrides.fieldErrors ?? [],
    findings: seatAuditFor(ctx.store, account),
    configWarnings: currentConfigWarnings(ctx, account),
    ...(idpExport ? { idpExport } : {}),
    ...(notice ? { notice } : {}),
    ...(overrides.accountError ? { accountError: overrides.accountError } : {}),
    ...(overrides.idpExportErrors ? { idpExportErrors: overrides.idpExportErrors } : {}),
    ...secretShownBack(ctx, status.current?.settings, 'admin'),
  };
  sendPage(ctx, res, {
    status: overrides.status ?? 200,
    title: ctx.skin.text.titles.accountParameters,
    nav: seatNav(ctx, req),
    body: ctx.skin.views.accountPage(model),
  });
}

async function validateSubmitted(ctx: PortalContext, account: Account, form: FormData) {
  const submitted = await valuesFromForm(form, ctx.skin.fields.sso);
  const now = ctx.now();
  let validated: Validated<SsoSettings>;
  if (submitted.values.protocol === 'saml') {
    validated = await validateSamlSettings(samlInput(submitted.values), { now, defects: ctx.defects });
  } else {
    // An empty secret field keeps the saved secret: it is never sent back to the browser.
    const saved = ctx.store.ssoConfigs.current(account.id)?.settings;
    const secret = submitted.clientSecret !== '' ? submitted.clientSecret : saved?.protocol === 'oidc' ? saved.clientSecret : '';
    validated = await validateOidcSettings(oidcInput(submitted.values, secret), { now });
  }
  return { submitted, validated };
}

export function accountRoutes(ctx: PortalContext): Router {
  const router = Router();
  const admin = requireAdmin(ctx);
  // The SSO switch's own guard: the admin check, or (defect switch) any logged-in seat of the account.
  const switchGuard = defectOn(ctx.defects, 'sso-switch-role-unchecked') ? requireSeat(ctx) : admin;
  const csrf = verifyCsrf(ctx, 'seat');
  const now = (): number => ctx.now().getTime();
  const { paths: P, query: Q, fields: F, text: T, actors: A, noticeKeys: N, anchors: H } = ctx.skin;
  const back = (notice: NoticeKey, anchor?: string): string => `${P.settings}?${Q.notice}=${N[notice]}${anchor ? `#${anchor}` : ''}`;

  router.get(P.settings, admin, (req, res) => renderAccountPage(ctx, req, res));

  router.post(P.settingsProfile, admin, csrf, async (req, res) => {
    const { account, seat } = seatLoginOf(req);
    const form = await readForm(req);
    const name = field(form, F.accountName).trim();
    const domains = field(form, F.ssoDomains)
      .split(/[\s,;]+/)
      .filter(Boolean);
    const badDomain = domains.find((domain) => !/^@?[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(domain));
    if (name === '' || name.length > 200 || badDomain !== undefined) {
      const accountError = name === '' || name.length > 200 ? T.accountNameInvalid : T.domainInvalid(badDomain ?? '');
      renderAccountPage(ctx, req, res, { status: 422, accountError });
      return;
    }
    ctx.store.accounts.update(account.id, { name, ssoDomains: domains });
    ctx.store.audit.record(
      { accountId: account.id, actor: A.seat(seat), action: 'account.updated', detail: T.auditAccountUpdated(name, domains) },
      now(),
    );
    res.redirect(303, back('accountSaved'));
  });

  router.post(P.ssoSave, admin, verifyCsrf(ctx, 'seat', 'csrf-skip-settings-save'), async (req, res) => {
    const { account, seat } = seatLoginOf(req);
    const { submitted, validated } = await validateSubmitted(ctx, account, await readForm(req));
    if (!validated.ok) {
      renderAccountPage(ctx, req, res, { status: 422, form: submitted.values, fieldErrors: validated.errors });
      return;
    }
    const record = ctx.store.ssoConfigs.save(account.id, validated.value, A.seat(seat).label, now());
    ctx.store.audit.record(
      { accountId: account.id, actor: A.seat(seat), action: 'sso.config.saved', detail: T.auditSsoSaved(record.version, validated.value) },
      now(),
    );
    res.redirect(303, back('ssoSaved', H.idpLinks));
  });

  router.post(P.idpUsers, admin, csrf, async (req, res) => {
    const { account, seat } = seatLoginOf(req);
    const csv = await fileText(await readForm(req), F.idpUsersFile);
    const parsed =
      csv.trim() === ''
        ? { ok: false as const, errors: [{ field: 'idpUsersFile', message: T.idpExportMissing }] satisfies FieldError[] }
        : parseIdpUserExport(csv);
    if (!parsed.ok) {
      renderAccountPage(ctx, req, res, { status: 422, idpExportErrors: parsed.errors });
      return;
    }
    ctx.store.idpUsers.put(account.id, parsed.value, A.seat(seat).label, now());
    ctx.store.audit.record(
      {
        accountId: account.id,
        actor: A.seat(seat),
        action: 'seat-audit.idp-export.uploaded',
        detail: T.auditIdpExport(parsed.value.length),
      },
      now(),
    );
    res.redirect(303, back('idpUsersSaved', H.seatAudit));
  });

  router.post(P.ssoTest, admin, csrf, async (req, res) => {
    const { account, seat } = seatLoginOf(req);
    const config = ctx.store.ssoConfigs.current(account.id);
    if (!config) {
      refuse(ctx, res, {
        reason: 'sso-not-configured',
        detail: T.testNotConfiguredDetail,
        accountId: account.id,
        actor: A.seat(seat),
        action: 'sso.test.failed',
        status: 409,
        heading: T.testNotConfiguredHeading,
      });
      return;
    }
    ctx.store.audit.record(
      { accountId: account.id, actor: A.seat(seat), action: 'sso.test.started', detail: T.auditTestStarted(config.version) },
      now(),
    );
    await startSso(ctx, res, { account, config, purpose: 'test' });
  });

  router.post(P.ssoEnable, switchGuard, csrf, async (req, res) => {
    const { account, seat } = seatLoginOf(req);
    const config = ctx.store.ssoConfigs.current(account.id);
    if (!config) {
      refuse(ctx, res, {
        reason: 'sso-not-configured',
        detail: T.enableNotConfiguredDetail,
        accountId: account.id,
        actor: A.seat(seat),
        action: 'sso.enable.refused',
        status: 409,
        heading: T.enableNotConfiguredHeading,
      });
      return;
    }
    const neverPassedTest = !passedTest(ctx, account.id, config.version);
    const blockingFindings = seatAuditFor(ctx.store, account).filter((finding) => finding.blocking);
    if (field(await readForm(req), F.confirm) !== 'yes') {
      sendPage(ctx, res, {
        title: T.titles.enableConfirm,
        nav: seatNav(ctx, req),
        body: ctx.skin.views.enableConfirm({
          csrf: csrfInput(ctx, req, 'seat'),
          version: config.version,
          neverPassedTest,
          blockingFindings,
        }),
      });
      return;
    }
    ctx.store.ssoConfigs.setEnabled(account.id, true);
    ctx.store.audit.record(
      {
        accountId: account.id,
        actor: A.seat(seat),
        action: 'sso.enabled',
        detail: T.auditSsoEnabled(config.version, neverPassedTest, blockingFindings.length),
      },
      now(),
    );
    res.redirect(303, back('ssoEnabled', H.enableSso));
  });

  router.post(P.ssoDisable, switchGuard, csrf, (req, res) => {
    const { account, seat } = seatLoginOf(req);
    ctx.store.ssoConfigs.setEnabled(account.id, false);
    ctx.store.audit.record(
      { accountId: account.id, actor: A.seat(seat), action: 'sso.disabled', detail: T.auditSsoDisabledByAdmin },
      now(),
    );
    res.redirect(303, back('ssoDisabled', H.enableSso));
  });

  return router;
}

/** Whether this version of the account's settings passed Test SSO (any version, with a defect switch: portal/defects.ts). */
export function passedTest(ctx: PortalContext, accountId: number, version: number): boolean {
  if (!defectOn(ctx.defects, 'test-pass-any-version')) return ctx.store.ssoConfigs.hasPassed(accountId, version);
  return Array.from({ length: version }, (_, index) => index + 1).some((earlier) => ctx.store.ssoConfigs.hasPassed(accountId, earlier));
}

/** The saved client secret for a page to show back: never, unless a defect switch says so (portal/defects.ts). */
export function secretShownBack(
  ctx: PortalContext,
  settings: SsoSettings | undefined,
  to: 'admin' | 'support',
): { secretShownBack?: string } {
  if (settings?.protocol !== 'oidc') return {};
  const shown =
    defectOn(ctx.defects, 'client-secret-shown') || (to === 'support' && defectOn(ctx.defects, 'client-secret-shown-to-support'));
  return shown ? { secretShownBack: settings.clientSecret } : {};
}
