// OAuth 2.0 for the OE native apps (RFC 8252): authorization code + PKCE S256 through the
// system browser, the seat authenticating with SSO when the account has it enabled (password
// otherwise), then a bearer token for the userinfo endpoint. A bad redirect URI gets an error page,
// never a redirect (RFC 6749 §4.1.2.1); PKCE and code-replay failures are refused with reason
// codes (in the audit; in the answer too when the skin exposes them). Paths, client ids and the
// userinfo shape are the skin's.
import { Router, type Request, type Response } from 'express';
import type { ReasonCode } from '../../lib/index.ts';
import { requestState } from '../auth/requestState.ts';
import { randomToken, sha256 } from '../auth/tokens.ts';
import type { PortalContext } from '../context.ts';
import { spEndpointsFor } from '../sso/spEndpoints.ts';
import { FormBodyError, field, readForm } from '../web/form.ts';
import { sendErrorPage } from '../web/layout.ts';
import { refuse, setReasonHeader } from '../web/refusal.ts';
import { refusesDisabledSeat } from '../web/seatAccess.ts';
import { checkRedirectUri, nativeClient } from './clients.ts';
import { isValidCodeChallenge, verifyPkce } from './pkce.ts';

function query(req: Request, name: string): string {
  const value = req.query[name];
  return typeof value === 'string' ? value : '';
}

/** Send the app its error at its redirect URI (RFC 6749 §4.1.2.1), only once that URI is known good. */
function redirectError(res: Response, redirectUri: string, state: string, error: string, description: string): void {
  const url = new URL(redirectUri);
  url.searchParams.set('error', error);
  url.searchParams.set('error_description', description);
  if (state) url.searchParams.set('state', state);
  res.redirect(303, url.toString());
}

/** An RFC 6749 §5.2 error answer; the reason code travels (header and `reason`) only when the skin exposes reason codes. */
function tokenError(
  ctx: PortalContext,
  res: Response,
  status: number,
  error: string,
  reason: ReasonCode | undefined,
  description: string,
): void {
  const exposed = reason !== undefined && ctx.skin.reasonHeader !== undefined;
  if (reason) setReasonHeader(ctx, res, reason);
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .json({ error, error_description: description, ...(exposed ? { reason } : {}) });
}

export function nativeRoutes(ctx: PortalContext): Router {
  const router = Router();
  const now = (): number => ctx.now().getTime();
  const { paths, text: T, actors: A, nativeClients } = ctx.skin;
  const P = paths.native;
  const knownIds = [nativeClients.desktop.clientId, nativeClients.mobile.clientId];
  // The partial-bug switch: a client id matched ignoring case and surrounding spaces. The off
  // switch: any client id is taken for the desktop app's.
  const clientIdOf = (raw: string): string => {
    if (ctx.defects.has('native-client-id-case-insensitive'))
      return knownIds.find((id) => id.toLowerCase() === raw.trim().toLowerCase()) ?? raw;
    if (ctx.defects.has('native-skip-client-id') && !knownIds.includes(raw)) return nativeClients.desktop.clientId;
    return raw;
  };

  router.get(P.authorize, (req, res) => {
    const clientId = clientIdOf(query(req, 'client_id'));
    const client = nativeClient(clientId, nativeClients);
    if (!client) {
      sendErrorPage(ctx, res, 400, T.unknownAppTitle, T.unknownAppMessage(clientId, knownIds));
      return;
    }
    const redirect = checkRedirectUri(clientId, query(req, 'redirect_uri'), ctx.defects, nativeClients);
    if (!redirect.ok) {
      refuse(ctx, res, {
        reason: 'native-redirect-uri-invalid',
        status: 400,
        action: 'native.authorize.refused',
        heading: T.appRefusalHeading,
        detail: T.appRedirectRefusedDetail(client.name, redirect.problem, client.redirectRule),
      });
      return;
    }
    const state = query(req, 'state');
    if (query(req, 'response_type') !== 'code') {
      redirectError(res, redirect.uri, state, 'unsupported_response_type', T.unsupportedResponseType);
      return;
    }
    const challenge = query(req, 'code_challenge');
    const pkceOk = query(req, 'code_challenge_method') === 'S256' && isValidCodeChallenge(challenge);
    if (!pkceOk && !ctx.defects.has('native-skip-pkce')) {
      ctx.store.audit.record(
        { actor: A.nativeApp(client.name), action: 'native.authorize.refused', reason: 'native-pkce-invalid', detail: T.auditPkceRefused },
        now(),
      );
      redirectError(res, redirect.uri, state, 'invalid_request', T.pkceRefusedDescription());
      return;
    }
    const id = randomToken();
    ctx.store.native.putRequest(sha256(id), sha256(requestState(req).browserId), {
      clientId,
      redirectUri: redirect.uri,
      ...(pkceOk ? { codeChallenge: challenge } : {}),
      ...(state ? { state } : {}),
      expiresAt: now() + ctx.timings.nativeRequestMs,
    });
    res.redirect(303, `${P.resume}?${ctx.skin.query.request}=${encodeURIComponent(id)}`);
  });

  router.get(P.resume, (req, res) => {
    const id = query(req, ctx.skin.query.request);
    const browser = ctx.defects.has('native-request-not-bound-to-browser') ? undefined : sha256(requestState(req).browserId);
    const request = id ? ctx.store.native.findRequest(sha256(id), browser, now()) : undefined;
    if (!request) {
      refuse(ctx, res, {
        reason: 'native-code-invalid',
        status: 400,
        action: 'native.authorize.refused',
        heading: T.appRefusalHeading,
        detail: T.appRequestExpiredDetail,
      });
      return;
    }
    const here = `${P.resume}?${ctx.skin.query.request}=${encodeURIComponent(id)}`;
    const login = requestState(req).seatLogin;
    if (!login) {
      res.redirect(303, `${paths.login}?${new URLSearchParams({ [ctx.skin.query.returnTo]: here }).toString()}`);
      return;
    }
    // A password session does not satisfy an account that now requires SSO: log in through the IdP.
    if (login.session.authMethod !== 'sso' && ctx.store.ssoConfigs.isEnabled(login.account.id)) {
      const start = new URL(spEndpointsFor(ctx.baseUrl(), login.account.id, paths.sp).signOnUrl);
      start.searchParams.set(ctx.skin.query.returnTo, here);
      res.redirect(303, `${start.pathname}${start.search}`);
      return;
    }
    const code = randomToken();
    ctx.store.native.putCode(sha256(code), {
      clientId: request.clientId,
      redirectUri: request.redirectUri,
      ...(request.codeChallenge ? { codeChallenge: request.codeChallenge } : {}),
      seatId: login.seat.id,
      expiresAt: now() + ctx.timings.nativeCodeMs,
    });
    ctx.store.native.deleteRequest(sha256(id), now());
    ctx.store.audit.record(
      {
        accountId: login.account.id,
        actor: A.seat(login.seat),
        action: 'native.authorized',
        detail: T.auditAppAuthorized(nativeClient(request.clientId, nativeClients)?.name ?? request.clientId, login.session.authMethod),
      },
      now(),
    );
    const target = new URL(request.redirectUri);
    target.searchParams.set('code', code);
    if (request.state) target.searchParams.set('state', request.state);
    res.redirect(303, target.toString());
  });

  router.post(P.token, async (req, res) => {
    let form: FormData;
    try {
      form = await readForm(req, 16 * 1024);
    } catch (error) {
      if (!(error instanceof FormBodyError)) throw error;
      tokenError(ctx, res, 400, 'invalid_request', undefined, error.message);
      return;
    }
    if (field(form, 'grant_type') !== 'authorization_code') {
      tokenError(ctx, res, 400, 'unsupported_grant_type', undefined, T.unsupportedGrantType);
      return;
    }
    const clientId = clientIdOf(field(form, 'client_id'));
    const client = nativeClient(clientId, nativeClients);
    if (!client) {
      tokenError(ctx, res, 401, 'invalid_client', undefined, T.unknownClientDescription(clientId, knownIds));
      return;
    }
    const codeHash = sha256(field(form, 'code'));
    const code = ctx.store.native.findCode(codeHash);
    const seat = code ? ctx.store.seats.get(code.seatId) : undefined;
    const refuseGrant = (reason: ReasonCode, detail: string): void => {
      ctx.store.audit.record(
        { ...(seat ? { accountId: seat.accountId } : {}), actor: A.nativeApp(client.name), action: 'native.token.refused', reason, detail },
        now(),
      );
      tokenError(ctx, res, 400, 'invalid_grant', reason, T.tokenRefusedDescription(reason, detail));
    };
    const clientMatches = code?.clientId === clientId || ctx.defects.has('native-skip-client-id');
    if (!code || !seat || !clientMatches || code.expiresAt <= now()) {
      refuseGrant('native-code-invalid', T.codeUnknownDetail);
      return;
    }
    if (code.usedAt !== undefined && !ctx.defects.has('native-allow-code-replay')) {
      ctx.store.native.revokeTokensFromCode(codeHash);
      refuseGrant('native-code-invalid', T.codeReplayedDetail);
      return;
    }
    // Redeeming burns the code, even when the checks below fail: no second guess at the verifier.
    ctx.store.native.markCodeUsed(codeHash, now());
    const redirectUri = field(form, 'redirect_uri');
    const redirectUnchecked =
      ctx.defects.has('native-token-skip-redirect-uri') ||
      (redirectUri === '' && ctx.defects.has('native-token-redirect-uri-when-present'));
    if (redirectUri !== code.redirectUri && !redirectUnchecked) {
      refuseGrant('native-redirect-uri-invalid', T.redirectMismatchDetail);
      return;
    }
    if (!ctx.defects.has('native-skip-pkce')) {
      const verifier = field(form, 'code_verifier');
      if (!code.codeChallenge || verifier === '' || !verifyPkce(verifier, code.codeChallenge)) {
        refuseGrant('native-pkce-invalid', verifier === '' ? T.verifierMissingDetail : T.verifierWrongDetail);
        return;
      }
    }
    if (seat.disabled) {
      refuseGrant('seat-disabled', T.seatDisabledDetail(seat.email));
      return;
    }
    const token = randomToken();
    const expiresIn = Math.floor(ctx.timings.nativeTokenMs / 1000);
    ctx.store.native.putToken(sha256(token), { codeHash, clientId, seatId: seat.id, expiresAt: now() + ctx.timings.nativeTokenMs });
    ctx.store.audit.record(
      { accountId: seat.accountId, actor: A.seat(seat), action: 'native.token.issued', detail: T.auditTokenIssued(client.name) },
      now(),
    );
    res.set('Cache-Control', 'no-store').json({ access_token: token, token_type: 'Bearer', expires_in: expiresIn });
  });

  router.get(P.userinfo, (req, res) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const token = match?.[1] ? ctx.store.native.findToken(sha256(match[1]), now()) : undefined;
    const seat = token ? ctx.store.seats.get(token.seatId) : undefined;
    const account = seat ? ctx.store.accounts.get(seat.accountId) : undefined;
    if (!token || !seat || !account || (seat.disabled && refusesDisabledSeat(ctx, 'app'))) {
      res
        .status(401)
        .set('WWW-Authenticate', match ? 'Bearer error="invalid_token"' : 'Bearer')
        .json({
          error: match ? 'invalid_token' : 'unauthorized',
          message: match ? T.tokenInvalidMessage : T.tokenMissingMessage,
        });
      return;
    }
    res.set('Cache-Control', 'no-store').json(ctx.skin.nativeUserinfo(seat, account, token.clientId));
  });

  return router;
}
