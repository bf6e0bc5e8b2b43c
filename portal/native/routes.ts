// OAuth 2.0 for the OE native apps (RFC 8252): authorization code + PKCE S256 through the
// system browser, the seat authenticating with SSO when the account has it enabled (password
// otherwise), then a bearer token for /api/me. A bad redirect URI gets an error page, never a
// redirect (RFC 6749 §4.1.2.1); PKCE and code-replay failures are refused with reason codes.
import { Router, type Request, type Response } from 'express';
import { REASONS, type ReasonCode } from '../../lib/reasons.ts';
import { requestState } from '../auth/requestState.ts';
import { randomToken, sha256 } from '../auth/tokens.ts';
import type { PortalContext } from '../context.ts';
import { spEndpointsFor } from '../sso/spEndpoints.ts';
import { seatActor } from '../web/actors.ts';
import { FormBodyError, field, readForm } from '../web/form.ts';
import { sendErrorPage } from '../web/layout.ts';
import { REASON_HEADER, refuse } from '../web/refusal.ts';
import { NATIVE_CLIENTS, checkRedirectUri, isNativeClientId } from './clients.ts';
import { isValidCodeChallenge, verifyPkce } from './pkce.ts';

export const RESUME_PATH = '/oauth/authorize/resume';

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

function tokenError(res: Response, status: number, error: string, reason: ReasonCode | undefined, description: string): void {
  if (reason) res.setHeader(REASON_HEADER, reason);
  res.status(status).set('Cache-Control', 'no-store').json({ error, error_description: description, ...(reason ? { reason } : {}) });
}

export function nativeRoutes(ctx: PortalContext): Router {
  const router = Router();
  const now = (): number => ctx.now().getTime();

  router.get('/oauth/authorize', (req, res) => {
    const clientId = query(req, 'client_id');
    if (!isNativeClientId(clientId)) {
      sendErrorPage(res, 400, 'Unknown app', `The app that sent you here identifies itself as "${clientId.slice(0, 80)}", which this portal does not know (expected oe-desktop or oe-mobile). Update the app, or start the login from the app again.`);
      return;
    }
    const redirect = checkRedirectUri(clientId, query(req, 'redirect_uri'), ctx.defects);
    if (!redirect.ok) {
      refuse(ctx, res, { reason: 'native-redirect-uri-invalid', status: 400, action: 'native.authorize.refused', heading: 'App login refused', detail: `${NATIVE_CLIENTS[clientId].name}: ${redirect.problem} Allowed: ${NATIVE_CLIENTS[clientId].redirectRule}.` });
      return;
    }
    const state = query(req, 'state');
    if (query(req, 'response_type') !== 'code') {
      redirectError(res, redirect.uri, state, 'unsupported_response_type', 'Only response_type=code is supported (authorization code with PKCE).');
      return;
    }
    const challenge = query(req, 'code_challenge');
    const pkceOk = query(req, 'code_challenge_method') === 'S256' && isValidCodeChallenge(challenge);
    if (!pkceOk && !ctx.defects.has('native-skip-pkce')) {
      ctx.store.audit.record({ actor: { kind: 'anonymous', label: NATIVE_CLIENTS[clientId].name }, action: 'native.authorize.refused', reason: 'native-pkce-invalid', detail: 'Authorization request without a valid S256 code_challenge.' }, now());
      redirectError(res, redirect.uri, state, 'invalid_request', `${REASONS['native-pkce-invalid'].message} code_challenge (43 base64url characters) and code_challenge_method=S256 are required (RFC 7636). Reason: native-pkce-invalid.`);
      return;
    }
    const id = randomToken();
    ctx.store.native.putRequest(sha256(id), sha256(requestState(req).browserId), {
      clientId, redirectUri: redirect.uri, ...(pkceOk ? { codeChallenge: challenge } : {}), ...(state ? { state } : {}), expiresAt: now() + ctx.timings.nativeRequestMs,
    });
    res.redirect(303, `${RESUME_PATH}?request=${encodeURIComponent(id)}`);
  });

  router.get(RESUME_PATH, (req, res) => {
    const id = query(req, 'request');
    const browser = sha256(requestState(req).browserId);
    const request = id ? ctx.store.native.findRequest(sha256(id), browser, now()) : undefined;
    if (!request) {
      refuse(ctx, res, { reason: 'native-code-invalid', status: 400, action: 'native.authorize.refused', heading: 'App login refused', detail: 'The app\'s login request expired or was started in another browser.' });
      return;
    }
    const here = `${RESUME_PATH}?request=${encodeURIComponent(id)}`;
    const login = requestState(req).seatLogin;
    if (!login) {
      res.redirect(303, `/login?${new URLSearchParams({ return_to: here }).toString()}`);
      return;
    }
    // A password session does not satisfy an account that now requires SSO: log in through the IdP.
    if (login.session.authMethod !== 'sso' && ctx.store.ssoConfigs.isEnabled(login.account.id)) {
      const start = new URL(spEndpointsFor(ctx.baseUrl(), login.account.id).signOnUrl);
      start.searchParams.set('return_to', here);
      res.redirect(303, `${start.pathname}${start.search}`);
      return;
    }
    const code = randomToken();
    ctx.store.native.putCode(sha256(code), {
      clientId: request.clientId, redirectUri: request.redirectUri, ...(request.codeChallenge ? { codeChallenge: request.codeChallenge } : {}),
      seatId: login.seat.id, expiresAt: now() + ctx.timings.nativeCodeMs,
    });
    ctx.store.native.deleteRequest(sha256(id), now());
    ctx.store.audit.record({ accountId: login.account.id, actor: seatActor(login.seat), action: 'native.authorized', detail: `${NATIVE_CLIENTS[request.clientId as keyof typeof NATIVE_CLIENTS].name} login (${login.session.authMethod === 'sso' ? 'single sign-on' : 'password'})` }, now());
    const target = new URL(request.redirectUri);
    target.searchParams.set('code', code);
    if (request.state) target.searchParams.set('state', request.state);
    res.redirect(303, target.toString());
  });

  router.post('/oauth/token', async (req, res) => {
    let form: FormData;
    try {
      form = await readForm(req, 16 * 1024);
    } catch (error) {
      if (!(error instanceof FormBodyError)) throw error;
      tokenError(res, 400, 'invalid_request', undefined, error.message);
      return;
    }
    if (field(form, 'grant_type') !== 'authorization_code') {
      tokenError(res, 400, 'unsupported_grant_type', undefined, 'Only grant_type=authorization_code is supported.');
      return;
    }
    const clientId = field(form, 'client_id');
    if (!isNativeClientId(clientId)) {
      tokenError(res, 401, 'invalid_client', undefined, `Unknown client_id "${clientId.slice(0, 80)}": expected oe-desktop or oe-mobile.`);
      return;
    }
    const codeHash = sha256(field(form, 'code'));
    const code = ctx.store.native.findCode(codeHash);
    const seat = code ? ctx.store.seats.get(code.seatId) : undefined;
    const refuseGrant = (reason: ReasonCode, detail: string): void => {
      ctx.store.audit.record({ ...(seat ? { accountId: seat.accountId } : {}), actor: { kind: 'anonymous', label: NATIVE_CLIENTS[clientId].name }, action: 'native.token.refused', reason, detail }, now());
      tokenError(res, 400, 'invalid_grant', reason, `${REASONS[reason].message} ${detail}`);
    };
    if (!code || !seat || code.clientId !== clientId || code.expiresAt <= now()) {
      refuseGrant('native-code-invalid', 'The code is unknown, expired, or was issued to another app.');
      return;
    }
    if (code.usedAt !== undefined && !ctx.defects.has('native-allow-code-replay')) {
      ctx.store.native.revokeTokensFromCode(codeHash);
      refuseGrant('native-code-invalid', 'The code was already redeemed; the tokens issued for it are revoked (RFC 6749 §4.1.2).');
      return;
    }
    // Redeeming burns the code, even when the checks below fail: no second guess at the verifier.
    ctx.store.native.markCodeUsed(codeHash, now());
    if (field(form, 'redirect_uri') !== code.redirectUri) {
      refuseGrant('native-redirect-uri-invalid', 'redirect_uri differs from the one of the authorization request (RFC 6749 §4.1.3).');
      return;
    }
    if (!ctx.defects.has('native-skip-pkce')) {
      const verifier = field(form, 'code_verifier');
      if (!code.codeChallenge || verifier === '' || !verifyPkce(verifier, code.codeChallenge)) {
        refuseGrant('native-pkce-invalid', verifier === '' ? 'code_verifier is missing.' : 'code_verifier does not match the code_challenge (S256).');
        return;
      }
    }
    if (seat.disabled) {
      refuseGrant('seat-disabled', `The seat of ${seat.email} is disabled.`);
      return;
    }
    const token = randomToken();
    const expiresIn = Math.floor(ctx.timings.nativeTokenMs / 1000);
    ctx.store.native.putToken(sha256(token), { codeHash, clientId, seatId: seat.id, expiresAt: now() + ctx.timings.nativeTokenMs });
    ctx.store.audit.record({ accountId: seat.accountId, actor: seatActor(seat), action: 'native.token.issued', detail: `${NATIVE_CLIENTS[clientId].name} access token issued.` }, now());
    res.set('Cache-Control', 'no-store').json({ access_token: token, token_type: 'Bearer', expires_in: expiresIn });
  });

  router.get('/api/me', (req, res) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const token = match?.[1] ? ctx.store.native.findToken(sha256(match[1]), now()) : undefined;
    const seat = token ? ctx.store.seats.get(token.seatId) : undefined;
    const account = seat ? ctx.store.accounts.get(seat.accountId) : undefined;
    if (!token || !seat || !account || seat.disabled) {
      res.status(401).set('WWW-Authenticate', match ? 'Bearer error="invalid_token"' : 'Bearer').json({
        error: match ? 'invalid_token' : 'unauthorized',
        message: match ? 'The access token is unknown, expired, revoked, or its seat is disabled: log in from the app again.' : 'Send the access token from /oauth/token as "Authorization: Bearer <token>".',
      });
      return;
    }
    res.set('Cache-Control', 'no-store').json({
      seat: { id: seat.id, name: seat.name, email: seat.email, role: seat.role },
      account: { id: account.id, name: account.name },
      client: token.clientId,
    });
  });

  return router;
}
