// The SP endpoints of each account — sign-on URL, SAML ACS, OIDC redirect URI, SP metadata — at
// the paths the SSO library publishes (spEndpointsFor), so the links the admin copies to the IdP
// and the routes that answer them cannot drift apart.
import { Router, type Request, type Response } from 'express';
import type { PortalContext } from '../context.ts';
import type { Account } from '../db/accounts.ts';
import { completeOidcLogin } from '../sso/oidcLogin.ts';
import { validateSamlResponse } from '../sso/samlLogin.ts';
import { spEndpointsFor } from '../sso/spEndpoints.ts';
import { buildSpMetadata } from '../sso/spMetadata.ts';
import { anonymousActor } from './actors.ts';
import { FormBodyError, field, readForm } from './form.ts';
import { sendErrorPage } from './layout.ts';
import { refuse } from './refusal.ts';
import { safeReturnTo } from './returnTo.ts';
import { finishSso, startSso, takePendingLogin } from './ssoFlows.ts';

/** A SAMLResponse is a few KiB; anything near this cap is an attack or a broken IdP. */
export const ACS_BODY_LIMIT_BYTES = 512 * 1024;

const SAMPLE_ID = 987654321;

/** Express route paths of the SP endpoints, e.g. `/sso/:accountId/saml/acs`. */
export function spRoutePaths(): { start: string; acs: string; oidcCallback: string; metadata: string } {
  const sp = spEndpointsFor('http://portal.invalid', SAMPLE_ID);
  const path = (url: string): string => new URL(url).pathname.replace(`/${SAMPLE_ID}/`, '/:accountId/');
  return { start: path(sp.signOnUrl), acs: path(sp.acsUrl), oidcCallback: path(sp.oidcRedirectUri), metadata: path(sp.metadataUrl) };
}

function accountFrom(ctx: PortalContext, req: Request, res: Response): Account | undefined {
  const raw = req.params['accountId'];
  const account = typeof raw === 'string' && /^\d{1,12}$/.test(raw) ? ctx.store.accounts.get(Number(raw)) : undefined;
  if (!account) sendErrorPage(res, 404, 'Unknown account', 'This SSO address names an account that does not exist on this portal. Copy the links again from Account parameters → IdP and SSO.');
  return account;
}

export function ssoRoutes(ctx: PortalContext): Router {
  const router = Router();
  const paths = spRoutePaths();

  router.get(paths.start, async (req, res) => {
    const account = accountFrom(ctx, req, res);
    if (!account) return;
    const config = ctx.store.ssoConfigs.current(account.id);
    if (!config || !ctx.store.ssoConfigs.isEnabled(account.id)) {
      refuse(ctx, res, { reason: 'sso-not-configured', detail: `SSO is not enabled for account "${account.name}": log in with your email and password.`, accountId: account.id, action: 'sso.login.refused' });
      return;
    }
    const returnTo = safeReturnTo(typeof req.query['return_to'] === 'string' ? req.query['return_to'] : undefined, ctx.defects);
    await startSso(ctx, res, { account, config, purpose: 'login', ...(returnTo ? { returnTo } : {}) });
  });

  router.get(paths.metadata, (req, res) => {
    const account = accountFrom(ctx, req, res);
    if (!account) return;
    const settings = ctx.store.ssoConfigs.current(account.id)?.settings;
    const xml = buildSpMetadata(spEndpointsFor(ctx.baseUrl(), account.id), settings?.protocol === 'saml' ? settings : undefined);
    res.type('application/samlmetadata+xml').send(xml);
  });

  router.post(paths.acs, async (req, res) => {
    const account = accountFrom(ctx, req, res);
    if (!account) return;
    let samlResponse: string;
    let relayState: string;
    try {
      const form = await readForm(req, ACS_BODY_LIMIT_BYTES);
      samlResponse = field(form, 'SAMLResponse');
      relayState = field(form, 'RelayState');
    } catch (error) {
      if (!(error instanceof FormBodyError)) throw error;
      refuse(ctx, res, { reason: 'saml-malformed', detail: error.message, accountId: account.id, action: 'sso.login.refused', status: 400 });
      return;
    }
    const taken = takePendingLogin(ctx, req, res);
    // A pending login of another account or protocol does not apply: treat the post as unsolicited.
    const pending = taken && taken.accountId === account.id && taken.state.protocol === 'saml' ? taken : undefined;
    if (samlResponse === '') {
      refuse(ctx, res, { reason: 'saml-malformed', detail: 'The post to the ACS URL carries no SAMLResponse field: the IdP must use the HTTP-POST binding.', accountId: account.id, action: 'sso.login.refused', status: 400 });
      return;
    }
    const purpose = pending?.purpose ?? 'login';
    const config = pending?.purpose === 'test' ? ctx.store.ssoConfigs.version(account.id, pending.configVersion) : ctx.store.ssoConfigs.current(account.id);
    if (!config || config.settings.protocol !== 'saml' || (purpose === 'login' && !ctx.store.ssoConfigs.isEnabled(account.id))) {
      refuse(ctx, res, { reason: 'sso-not-configured', detail: `Account "${account.name}" has no enabled SAML configuration, so the portal does not accept SAML responses for it.`, accountId: account.id, action: 'sso.login.refused' });
      return;
    }
    const result = await validateSamlResponse(config.settings, spEndpointsFor(ctx.baseUrl(), account.id), samlResponse, {
      ...(pending && pending.state.protocol === 'saml' ? { pending: pending.state } : {}),
      now: ctx.now(),
      defects: ctx.defects,
      replay: ctx.store.replayCache,
    });
    finishSso(ctx, req, res, { account, purpose, configVersion: config.version, result, ...(pending ? { pending } : {}), ...(relayState ? { relayState } : {}) });
  });

  router.get(paths.oidcCallback, async (req, res) => {
    const account = accountFrom(ctx, req, res);
    if (!account) return;
    const taken = takePendingLogin(ctx, req, res);
    const pending = taken && taken.accountId === account.id ? taken : undefined;
    if (!pending || pending.state.protocol !== 'oidc') {
      refuse(ctx, res, { reason: 'oidc-state-mismatch', detail: 'No OIDC login of this account is in progress in this browser (it expired, was already used, or started elsewhere).', accountId: account.id, actor: anonymousActor(), action: 'sso.login.refused' });
      return;
    }
    const config = pending.purpose === 'test' ? ctx.store.ssoConfigs.version(account.id, pending.configVersion) : ctx.store.ssoConfigs.current(account.id);
    if (!config || config.settings.protocol !== 'oidc' || (pending.purpose === 'login' && !ctx.store.ssoConfigs.isEnabled(account.id))) {
      refuse(ctx, res, { reason: 'sso-not-configured', detail: `Account "${account.name}" has no enabled OpenID Connect configuration.`, accountId: account.id, action: 'sso.login.refused' });
      return;
    }
    const callbackUrl = new URL(req.originalUrl, ctx.baseUrl());
    const result = await completeOidcLogin(config.settings, spEndpointsFor(ctx.baseUrl(), account.id), callbackUrl, pending.state, { clock: () => ctx.now(), defects: ctx.defects });
    finishSso(ctx, req, res, { account, purpose: pending.purpose, configVersion: config.version, result, pending });
  });

  return router;
}
