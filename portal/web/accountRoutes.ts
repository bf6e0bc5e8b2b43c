// Account parameters (admins only): account name and SSO domains, and the IdP and SSO section —
// save the configuration, upload the IdP user export, Test SSO, Enable / disable.
import { Router, type Request, type Response } from 'express';
import type { PortalContext } from '../context.ts';
import type { Account } from '../db/accounts.ts';
import type { FieldError, SsoSettings, Validated } from '../sso/contract.ts';
import { validateOidcSettings } from '../sso/oidcSettings.ts';
import { validateSamlSettings } from '../sso/samlSettings.ts';
import { parseIdpUserExport } from '../sso/seatEmailAudit.ts';
import { spEndpointsFor } from '../sso/spEndpoints.ts';
import { accountPageBody, type AccountPageModel } from './accountView.ts';
import { seatActor } from './actors.ts';
import { field, fileText, readForm } from './form.ts';
import { protocolName } from './format.ts';
import { requireAdmin, seatLoginOf, verifyCsrf } from './guards.ts';
import { csrfInput, seatNav, sendPage } from './layout.ts';
import { refuse } from './refusal.ts';
import { seatAuditFor } from './seatAudit.ts';
import { oidcInput, samlInput, valuesFromForm, valuesFromSettings } from './ssoForm.ts';
import { startSso } from './ssoFlows.ts';
import { enableConfirmBody } from './ssoViews.ts';

const NOTICES: Readonly<Record<string, string>> = {
  'account-saved': 'Account saved.',
  'sso-saved': 'SSO configuration saved. Configure the links below at your IdP, then run Test SSO.',
  'idp-users-saved': 'IdP user export uploaded: the seat email audit now checks seats against it.',
  'sso-enabled': 'SSO is enabled: seats now log in through your IdP.',
  'sso-disabled': 'SSO is disabled: seats log in with their password. The configuration is kept.',
};

type PageOverrides = Partial<Pick<AccountPageModel, 'form' | 'fieldErrors' | 'accountError' | 'idpExportErrors'>> & { status?: number; account?: Account };

function renderAccountPage(ctx: PortalContext, req: Request, res: Response, overrides: PageOverrides = {}): void {
  const login = seatLoginOf(req);
  const account = overrides.account ?? login.account;
  const status = ctx.store.ssoConfigs.status(account.id);
  const idpExport = ctx.store.idpUsers.get(account.id);
  const noticeKey = typeof req.query['notice'] === 'string' ? req.query['notice'] : '';
  const notice = overrides.status ? undefined : NOTICES[noticeKey];
  const model: AccountPageModel = {
    account,
    csrf: csrfInput(ctx, req, 'seat'),
    status,
    sp: spEndpointsFor(ctx.baseUrl(), account.id),
    form: overrides.form ?? valuesFromSettings(status.current?.settings),
    fieldErrors: overrides.fieldErrors ?? [],
    findings: seatAuditFor(ctx.store, account),
    ...(idpExport ? { idpExport } : {}),
    ...(notice ? { notice } : {}),
    ...(overrides.accountError ? { accountError: overrides.accountError } : {}),
    ...(overrides.idpExportErrors ? { idpExportErrors: overrides.idpExportErrors } : {}),
  };
  sendPage(res, { status: overrides.status ?? 200, title: 'Account parameters', nav: seatNav(ctx, req), body: accountPageBody(model) });
}

async function validateSubmitted(ctx: PortalContext, account: Account, form: FormData) {
  const submitted = await valuesFromForm(form);
  const now = ctx.now();
  let validated: Validated<SsoSettings>;
  if (submitted.values.protocol === 'saml') {
    validated = await validateSamlSettings(samlInput(submitted.values), { now });
  } else {
    // An empty secret field keeps the saved secret: it is never sent back to the browser.
    const saved = ctx.store.ssoConfigs.current(account.id)?.settings;
    const secret = submitted.clientSecret !== '' ? submitted.clientSecret : saved?.protocol === 'oidc' ? saved.clientSecret : '';
    validated = await validateOidcSettings(oidcInput(submitted.values, secret), { now });
  }
  return { submitted, validated };
}

function describeSettings(settings: SsoSettings): string {
  return settings.protocol === 'saml'
    ? `${protocolName('saml')}, vendor ${settings.vendor}, IdP entity ID ${settings.idpEntityId}, SSO URL ${settings.idpSsoUrl}, ${settings.idpCertificates.length} signing certificate(s), signed parts: ${[settings.requireSignedResponse && 'response', settings.requireSignedAssertion && 'assertion'].filter(Boolean).join(' + ')}, clock skew ${settings.allowedClockSkewSeconds} s, IdP-initiated ${settings.allowIdpInitiated ? 'allowed' : 'refused'}`
    : `${protocolName('oidc')}, vendor ${settings.vendor}, issuer ${settings.issuer}, client ID ${settings.clientId}, scopes "${settings.scopes}", email claim ${settings.emailClaim}`;
}

export function accountRoutes(ctx: PortalContext): Router {
  const router = Router();
  const admin = requireAdmin(ctx);
  const csrf = verifyCsrf(ctx, 'seat');
  const now = (): number => ctx.now().getTime();

  router.get('/account', admin, (req, res) => renderAccountPage(ctx, req, res));

  router.post('/account/settings', admin, csrf, async (req, res) => {
    const { account, seat } = seatLoginOf(req);
    const form = await readForm(req);
    const name = field(form, 'name').trim();
    const domains = field(form, 'ssoDomains').split(/[\s,;]+/).filter(Boolean);
    const badDomain = domains.find((domain) => !/^@?[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(domain));
    if (name === '' || name.length > 200 || badDomain !== undefined) {
      const accountError = name === '' || name.length > 200 ? 'The account name must be 1 to 200 characters.' : `"${badDomain ?? ''}" is not an email domain: write domains like corp.example, separated by commas.`;
      renderAccountPage(ctx, req, res, { status: 422, accountError });
      return;
    }
    ctx.store.accounts.update(account.id, { name, ssoDomains: domains });
    ctx.store.audit.record({ accountId: account.id, actor: seatActor(seat), action: 'account.updated', detail: `Name "${name}", SSO email domains: ${domains.join(', ') || '(none)'}` }, now());
    res.redirect(303, '/account?notice=account-saved');
  });

  router.post('/account/sso', admin, csrf, async (req, res) => {
    const { account, seat } = seatLoginOf(req);
    const { submitted, validated } = await validateSubmitted(ctx, account, await readForm(req));
    if (!validated.ok) {
      renderAccountPage(ctx, req, res, { status: 422, form: submitted.values, fieldErrors: validated.errors });
      return;
    }
    const record = ctx.store.ssoConfigs.save(account.id, validated.value, seatActor(seat).label, now());
    ctx.store.audit.record({ accountId: account.id, actor: seatActor(seat), action: 'sso.config.saved', detail: `Version ${record.version}: ${describeSettings(validated.value)}` }, now());
    res.redirect(303, '/account?notice=sso-saved#idp-links');
  });

  router.post('/account/sso/idp-users', admin, csrf, async (req, res) => {
    const { account, seat } = seatLoginOf(req);
    const csv = await fileText(await readForm(req), 'idpUsersFile');
    const parsed = csv.trim() === ''
      ? { ok: false as const, errors: [{ field: 'idpUsersFile', message: 'Choose the CSV file exported from the IdP before uploading.' }] satisfies FieldError[] }
      : parseIdpUserExport(csv);
    if (!parsed.ok) {
      renderAccountPage(ctx, req, res, { status: 422, idpExportErrors: parsed.errors });
      return;
    }
    ctx.store.idpUsers.put(account.id, parsed.value, seatActor(seat).label, now());
    ctx.store.audit.record({ accountId: account.id, actor: seatActor(seat), action: 'seat-audit.idp-export.uploaded', detail: `${parsed.value.length} IdP users` }, now());
    res.redirect(303, '/account?notice=idp-users-saved#seat-audit');
  });

  router.post('/account/sso/test', admin, csrf, async (req, res) => {
    const { account, seat } = seatLoginOf(req);
    const config = ctx.store.ssoConfigs.current(account.id);
    if (!config) {
      refuse(ctx, res, { reason: 'sso-not-configured', detail: 'Save an IdP configuration before running Test SSO.', accountId: account.id, actor: seatActor(seat), action: 'sso.test.failed', status: 409, heading: 'Test SSO cannot run' });
      return;
    }
    ctx.store.audit.record({ accountId: account.id, actor: seatActor(seat), action: 'sso.test.started', detail: `Configuration version ${config.version}` }, now());
    await startSso(ctx, res, { account, config, purpose: 'test' });
  });

  router.post('/account/sso/enable', admin, csrf, async (req, res) => {
    const { account, seat } = seatLoginOf(req);
    const config = ctx.store.ssoConfigs.current(account.id);
    if (!config) {
      refuse(ctx, res, { reason: 'sso-not-configured', detail: 'Save an IdP configuration before enabling SSO.', accountId: account.id, actor: seatActor(seat), action: 'sso.enable.refused', status: 409, heading: 'SSO cannot be enabled' });
      return;
    }
    const neverPassedTest = !ctx.store.ssoConfigs.hasPassed(account.id, config.version);
    const blockingFindings = seatAuditFor(ctx.store, account).filter((finding) => finding.blocking);
    if (field(await readForm(req), 'confirm') !== 'yes') {
      sendPage(res, { title: 'Enable SSO?', nav: seatNav(ctx, req), body: enableConfirmBody({ csrf: csrfInput(ctx, req, 'seat'), version: config.version, neverPassedTest, blockingFindings }) });
      return;
    }
    ctx.store.ssoConfigs.setEnabled(account.id, true);
    const warnings = [neverPassedTest && 'never passed Test SSO', blockingFindings.length > 0 && `${blockingFindings.length} blocking seat email finding(s)`].filter(Boolean);
    ctx.store.audit.record({ accountId: account.id, actor: seatActor(seat), action: 'sso.enabled', detail: `Configuration version ${config.version}${warnings.length > 0 ? `, enabled despite warnings: ${warnings.join('; ')}` : ''}` }, now());
    res.redirect(303, '/account?notice=sso-enabled#enable-sso');
  });

  router.post('/account/sso/disable', admin, csrf, (req, res) => {
    const { account, seat } = seatLoginOf(req);
    ctx.store.ssoConfigs.setEnabled(account.id, false);
    ctx.store.audit.record({ accountId: account.id, actor: seatActor(seat), action: 'sso.disabled', detail: 'SSO turned off by an admin; the configuration is kept.' }, now());
    res.redirect(303, '/account?notice=sso-disabled#enable-sso');
  });

  return router;
}
