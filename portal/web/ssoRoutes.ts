// The SP endpoints of each account — sign-on URL, SAML ACS, OIDC redirect URI, SP metadata — at
// the paths of the skin's SP layout, from which spEndpointsFor also builds the links the admin
// copies to the IdP, so the two cannot drift apart.
import { Router, type Request, type Response } from 'express';
import type { PortalContext } from '../context.ts';
import { defectOn } from '../defects.ts';
import type { Account } from '../db/accounts.ts';
import type { SamlSettings } from '../sso/contract.ts';
import { completeOidcLogin } from '../sso/oidcLogin.ts';
import { validateSamlResponse } from '../sso/samlLogin.ts';
import { spEndpointsFor } from '../sso/spEndpoints.ts';
import { buildSpMetadata } from '../sso/spMetadata.ts';
import { FormBodyError, field, readForm } from './form.ts';
import { sendErrorPage } from './layout.ts';
import { refuse } from './refusal.ts';
import { safeReturnTo } from './returnTo.ts';
import { finishSso, startSso, takePendingLogin } from './ssoFlows.ts';

/** A SAMLResponse is a few KiB; anything near this cap is an attack or a broken IdP. */
export const ACS_BODY_LIMIT_BYTES = 512 * 1024;

function accountFrom(ctx: PortalContext, req: Request, res: Response): Account | undefined {
  const raw = req.params['accountId'];
  const account = typeof raw === 'string' && /^\d{1,12}$/.test(raw) ? ctx.store.accounts.get(Number(raw)) : undefined;
  if (!account) sendErrorPage(ctx, res, 404, ctx.skin.text.unknownSsoAccountTitle, ctx.skin.text.unknownSsoAccountMessage);
  return account;
}

export function ssoRoutes(ctx: PortalContext): Router {
  const router = Router();
  const paths = ctx.skin.paths.sp;
  const T = ctx.skin.text;
  const sp = (account: Account) => spEndpointsFor(ctx.baseUrl(), account.id, paths);
  // SSO must be on when the answer arrives, not only when the login started (the defect switch checks the start only).
  const ssoOnFor = (accountId: number, pending: unknown): boolean =>
    (pending !== undefined && ctx.defects.has('sso-enabled-checked-at-start-only')) || ctx.store.ssoConfigs.isEnabled(accountId);

  router.get(paths.signOn, async (req, res) => {
    const account = accountFrom(ctx, req, res);
    if (!account) return;
    const config = ctx.store.ssoConfigs.current(account.id);
    if (!config || !ctx.store.ssoConfigs.isEnabled(account.id)) {
      refuse(ctx, res, {
        reason: 'sso-not-configured',
        detail: T.ssoStartNotEnabledDetail(account),
        accountId: account.id,
        action: 'sso.login.refused',
      });
      return;
    }
    const raw = req.query[ctx.skin.query.returnTo];
    const returnTo = safeReturnTo(typeof raw === 'string' ? raw : undefined, ctx.defects);
    await startSso(ctx, res, { account, config, purpose: 'login', ...(returnTo ? { returnTo } : {}) });
  });

  router.get(paths.metadata, (req, res) => {
    const account = accountFrom(ctx, req, res);
    if (!account) return;
    const settings = ctx.store.ssoConfigs.current(account.id)?.settings;
    const xml = buildSpMetadata(sp(account), settings?.protocol === 'saml' ? settings : undefined);
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
      refuse(ctx, res, {
        reason: 'saml-malformed',
        detail: error.message,
        accountId: account.id,
        action: 'sso.login.refused',
        status: 400,
      });
      return;
    }
    const taken = takePendingLogin(ctx, req, res);
    // A pending login of another account or protocol does not apply: treat the post as unsolicited.
    const pending = taken && taken.accountId === account.id && taken.state.protocol === 'saml' ? taken : undefined;
    if (samlResponse === '') {
      refuse(ctx, res, {
        reason: 'saml-malformed',
        detail: T.acsWithoutResponseDetail,
        accountId: account.id,
        action: 'sso.login.refused',
        status: 400,
      });
      return;
    }
    const purpose = pending?.purpose ?? 'login';
    const config =
      pending?.purpose === 'test'
        ? ctx.store.ssoConfigs.version(account.id, pending.configVersion)
        : ctx.store.ssoConfigs.current(account.id);
    if (!config || config.settings.protocol !== 'saml' || (purpose === 'login' && !ssoOnFor(account.id, pending))) {
      refuse(ctx, res, {
        reason: 'sso-not-configured',
        detail: T.samlNotConfiguredDetail(account),
        accountId: account.id,
        action: 'sso.login.refused',
      });
      return;
    }
    const result = await validateSamlResponse(settingsForIssuer(ctx, config.settings, samlResponse), sp(account), samlResponse, {
      ...(pending && pending.state.protocol === 'saml' ? { pending: pending.state } : {}),
      now: ctx.now(),
      defects: ctx.defects,
      replay: ctx.store.replayCache,
    });
    finishSso(ctx, req, res, {
      account,
      purpose,
      configVersion: config.version,
      result,
      ...(pending ? { pending } : {}),
      ...(relayState ? { relayState } : {}),
    });
  });

  router.get(paths.oidcCallback, async (req, res) => {
    const account = accountFrom(ctx, req, res);
    if (!account) return;
    const taken = takePendingLogin(ctx, req, res);
    const pending = taken && taken.accountId === account.id ? taken : undefined;
    if (!pending || pending.state.protocol !== 'oidc') {
      refuse(ctx, res, {
        reason: 'oidc-state-mismatch',
        detail: T.oidcStateMissingDetail,
        accountId: account.id,
        actor: ctx.skin.actors.anonymous(),
        action: 'sso.login.refused',
      });
      return;
    }
    const config =
      pending.purpose === 'test'
        ? ctx.store.ssoConfigs.version(account.id, pending.configVersion)
        : ctx.store.ssoConfigs.current(account.id);
    if (!config || config.settings.protocol !== 'oidc' || (pending.purpose === 'login' && !ssoOnFor(account.id, pending))) {
      refuse(ctx, res, {
        reason: 'sso-not-configured',
        detail: T.oidcNotConfiguredDetail(account),
        accountId: account.id,
        action: 'sso.login.refused',
      });
      return;
    }
    const callbackUrl = new URL(req.originalUrl, ctx.baseUrl());
    const result = await completeOidcLogin(config.settings, sp(account), callbackUrl, pending.state, {
      clock: () => ctx.now(),
      defects: ctx.defects,
    });
    finishSso(ctx, req, res, { account, purpose: pending.purpose, configVersion: config.version, result, pending });
  });

  return router;
}

/**
 * The settings a SAML response is judged by: the receiving account's. With the defect switch
 * `acs-config-by-issuer`, the settings of whichever account's IdP entity ID the response's Issuer
 * names (a multi-tenant lookup by Issuer), while the seat is still looked up in the receiving account.
 */
export function settingsForIssuer(ctx: PortalContext, own: SamlSettings, samlResponse: string): SamlSettings {
  if (!defectOn(ctx.defects, 'acs-config-by-issuer')) return own;
  const issuer = /<(?:\w+:)?Issuer\b[^>]*>([^<]+)</.exec(Buffer.from(samlResponse, 'base64').toString('utf8'))?.[1]?.trim();
  if (issuer === undefined || issuer === own.idpEntityId) return own;
  for (const record of ctx.store.ssoConfigs.allCurrent()) {
    if (record.settings.protocol === 'saml' && record.settings.idpEntityId === issuer) return record.settings;
  }
  return own;
}
