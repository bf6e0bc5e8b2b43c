// The SAML persona engine: metadata, SSO (HTTP-Redirect and HTTP-POST AuthnRequests),
// IdP-initiated login, the vendor's login pages, its IdP session cookie, its error pages and the
// auto-POST back to the ACS. Responses come from saml/issue.ts, shaped by the active faults.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PersonaEngine } from '../engineTypes.ts';
import { appliesTo, getSamlFault, type FaultId, type SamlFaultId } from '../faults/catalog.ts';
import type { SamlFault } from '../faults/samlTypes.ts';
import { BodyError, parseCookies, readForm, sendHtml } from '../http.ts';
import type { PersonaContext } from '../tenants.ts';
import type { DirectoryUser, SamlPersona } from '../types.ts';
import { decodeSamlRequest, parseSamlRequest, SamlRequestError, type AuthnRequestInfo } from './authnRequest.ts';
import type { SamlEffect } from './effects.ts';
import { issueSamlResponse } from './issue.ts';
import { keyChooserFor } from './keyChooser.ts';
import { serveIdpMetadata } from './metadata.ts';
import { autoPostForm, badCredentialsMessage, errorPage, loginPage, simplePage } from './pages.ts';
import { samlPaths, samlRouteOf } from './routes.ts';
import { STATUS } from './spec.ts';

type ErrorKey = keyof SamlPersona['errors'];

interface PendingLogin {
  readonly request: AuthnRequestInfo | undefined;
  readonly acs: string;
  readonly spEntityId: string;
  readonly relayState: string | undefined;
  readonly createdAt: number;
}

const PENDING_TTL_MS = 15 * 60_000;
const PENDING_LIMIT = 2000;
const SESSION_LIMIT = 2000;
/** Refusals a vendor makes when it reads the AuthnRequest, before any login page. */
const REQUEST_TIME_REFUSALS: ReadonlySet<ErrorKey> = new Set(['acsMismatch', 'unknownSp', 'malformedRequest']);

const HINTS: Record<ErrorKey, string> = {
  acsMismatch:
    'register this ACS URL for the app at the IdP (Reply URL / Single sign-on URL / ACS URL / Callback URL), or make the SP send the registered one.',
  unknownSp:
    'register the SP entity ID for the app at the IdP exactly as the SP sends it (case and trailing slash matter), or fix the SP entity ID at the SP.',
  userNotAssigned: 'assign this user (or a group they belong to) to the application at the IdP.',
  userDisabled: 're-enable the user at the IdP, or sign in with another account.',
  malformedRequest:
    'send a valid SAML AuthnRequest: HTTP-Redirect = base64(DEFLATE(xml)) in ?SAMLRequest=, HTTP-POST = base64(xml) in the SAMLRequest form field.',
};

export function createSamlEngine(ctx: PersonaContext & { persona: SamlPersona }): PersonaEngine {
  const { tenant, persona } = ctx;
  const paths = samlPaths(persona, tenant.ids);
  const cookieName = `sso_harness_${persona.vendor}_session`;
  const pending = new Map<string, PendingLogin>();
  let lastResponse: { acs: string; samlResponse: string; relayState: string | undefined } | undefined;

  const app = () => tenant.samlApp(persona.id);
  const appName = () => app()?.entityId ?? 'the application';
  const values = (extra: Record<string, string> = {}): Record<string, string> => ({
    tid: tenant.ids.tid,
    clientId: tenant.ids.clientId,
    app: appName(),
    spEntityId: app()?.entityId ?? '',
    acs: app()?.acsUrls[0] ?? '',
    ...extra,
  });

  function showError(res: ServerResponse, key: ErrorKey, extra: Record<string, string> = {}): void {
    const error = persona.errors[key];
    tenant.log({ persona: persona.id, method: 'GET', path: paths.sso, kind: `saml.error.${error.code}` });
    sendHtml(res, error.httpStatus, errorPage(persona, error, values(extra), HINTS[key]));
  }

  const activeFaults = (): SamlFault<SamlFaultId>[] =>
    tenant
      .peekFaults(persona.id, appliesTo)
      .map((f) => getSamlFault(f.id))
      .filter((f): f is SamlFault<SamlFaultId> => f !== undefined);

  /** A request-time refusal fault, consumed if it was one-shot. */
  function takeRequestRefusal(): ErrorKey | undefined {
    const fault = activeFaults().find((f) => f.effect.refuse && REQUEST_TIME_REFUSALS.has(f.effect.refuse));
    if (!fault) return undefined;
    tenant.takeFaults(persona.id, (id) => id === fault.id);
    return fault.effect.refuse;
  }

  function remember(login: PendingLogin): string {
    const now = Date.now();
    for (const [key, value] of pending) if (now - value.createdAt > PENDING_TTL_MS || pending.size >= PENDING_LIMIT) pending.delete(key);
    const key = randomBytes(16).toString('base64url');
    pending.set(key, login);
    return key;
  }

  function sessionUser(req: IncomingMessage): DirectoryUser | undefined {
    const sid = parseCookies(req).get(cookieName);
    const session = sid ? tenant.sessions.get(sid) : undefined;
    if (!session || session.vendor !== persona.vendor) return undefined;
    const user = tenant.directory.byId(session.userId);
    return user && !user.disabled ? user : undefined;
  }

  // Google's chooser lists the accounts signed in with in this browser (newest first), never the directory.
  const accountsCookie = `sso_harness_${persona.vendor}_accounts`;

  function rememberedUsers(req: IncomingMessage): DirectoryUser[] {
    if (persona.loginFlow !== 'account-chooser') return [];
    const emails = (parseCookies(req).get(accountsCookie) ?? '').split('|').filter(Boolean);
    return emails.flatMap((email) => {
      const user = tenant.directory.findByLogin(email);
      return user ? [user] : [];
    });
  }

  /** The session cookie, and (account chooser) the browser's signed-in accounts with this one first. */
  function signedInCookies(req: IncomingMessage, user: DirectoryUser): string[] {
    const cookies = [sessionCookie(user)];
    if (persona.loginFlow === 'account-chooser') {
      const emails = [
        user.email,
        ...rememberedUsers(req)
          .map((known) => known.email)
          .filter((email) => email !== user.email),
      ].slice(0, 10);
      cookies.push(`${accountsCookie}=${encodeURIComponent(emails.join('|'))}; Path=${ctx.basePath}; HttpOnly; SameSite=Lax`);
    }
    return cookies;
  }

  function sessionCookie(user: DirectoryUser): string {
    // Bounded: a load test's thousands of fresh browsers must not grow the tenant without limit.
    while (tenant.sessions.size >= SESSION_LIMIT) tenant.sessions.delete(tenant.sessions.keys().next().value!);
    const sid = randomBytes(24).toString('base64url');
    tenant.sessions.set(sid, { userId: user.id, vendor: persona.vendor, createdAt: Date.now() });
    return `${cookieName}=${sid}; Path=${ctx.basePath}; HttpOnly; SameSite=Lax`;
  }

  // --- issuing -----------------------------------------------------------------------------------
  async function respond(
    res: ServerResponse,
    login: PendingLogin,
    user: DirectoryUser,
    extraEffects: SamlEffect[] = [],
    headers: Record<string, string | string[]> = {},
  ): Promise<void> {
    const issueTime = (id: FaultId, p: typeof persona.id): boolean => {
      const refuse = getSamlFault(id)?.effect.refuse;
      return appliesTo(id, p) && !(refuse && REQUEST_TIME_REFUSALS.has(refuse));
    };
    const faults = tenant
      .takeFaults(persona.id, issueTime)
      .map((f) => getSamlFault(f.id))
      .filter((f): f is SamlFault<SamlFaultId> => f !== undefined);
    const effects = [...faults.map((f) => f.effect), ...extraEffects];
    const refusal = effects.find((e) => e.refuse)?.refuse;
    if (refusal) {
      showError(res, refusal, { user: user.upn });
      return;
    }
    if (user.disabled) return showError(res, 'userDisabled', { user: user.upn });
    if (!user.assigned) return showError(res, 'userNotAssigned', { user: user.upn });
    if (effects.some((e) => e.replayPrevious) && lastResponse) {
      tenant.log({ persona: persona.id, method: 'POST', path: lastResponse.acs, kind: 'saml.response-replayed' });
      sendHtml(res, 200, autoPostForm(persona, lastResponse.acs, lastResponse.samlResponse, lastResponse.relayState), headers);
      return;
    }
    const sp = { entityId: login.spEntityId, acs: login.acs };
    const now = tenant.now();
    const victimEmail = tenant.directory.byRole('admin')?.email ?? user.email;
    const issued = await issueSamlResponse({
      persona,
      ids: tenant.ids,
      user,
      sp,
      now,
      effects,
      victimEmail,
      keys: keyChooserFor(tenant, persona.id),
      ...(login.request ? { inResponseTo: login.request.id } : {}),
    });
    const relayEffect = effects.find((e) => e.relayState);
    const relayState = relayEffect?.relayState
      ? relayEffect.relayState(login.relayState, { persona, ids: tenant.ids, user, sp, now, victimEmail })
      : login.relayState;
    lastResponse = { acs: login.acs, samlResponse: issued.samlResponse, relayState };
    tenant.log({ persona: persona.id, method: 'POST', path: login.acs, kind: 'saml.response-issued' });
    sendHtml(res, 200, autoPostForm(persona, login.acs, issued.samlResponse, relayState), headers);
  }

  /** Continue a login: straight to the ACS with a live IdP session, else to the login page. */
  async function proceed(req: IncomingMessage, res: ServerResponse, login: PendingLogin): Promise<void> {
    const user = login.request?.forceAuthn ? undefined : sessionUser(req);
    if (user) return respond(res, login, user);
    if (login.request?.isPassive) {
      // SAML Core §3.4.1: IsPassive and no session → NoPassive, no login page.
      const noPassive: SamlEffect = {
        adjust: (spec) => {
          spec.status = { code: STATUS.responder, subCode: STATUS.noPassive };
          spec.includeAssertion = false;
        },
      };
      // A status-only response names no user; the pipeline still wants one to fill its template.
      const placeholder = { ...tenant.directory.list()[0]!, disabled: false, assigned: true };
      return respond(res, login, placeholder, [noPassive]);
    }
    res.writeHead(302, { location: `${paths.login}?p=${remember(login)}`, 'cache-control': 'no-store' }).end();
  }

  // --- routes ------------------------------------------------------------------------------------
  async function sso(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    let encoded: string | null;
    let relayState: string | undefined;
    let binding: 'redirect' | 'post';
    if (req.method === 'POST') {
      const form = await readForm(req);
      encoded = form.get('SAMLRequest');
      relayState = form.get('RelayState') ?? undefined;
      binding = 'post';
    } else {
      encoded = url.searchParams.get('SAMLRequest');
      relayState = url.searchParams.get('RelayState') ?? undefined;
      binding = 'redirect';
    }
    if (!encoded) {
      if (paths.sso === paths.idpInitiated && req.method === 'GET') return idpInitiated(req, res, url);
      return showError(res, 'malformedRequest', { detail: 'no SAMLRequest' });
    }
    let request;
    try {
      request = parseSamlRequest(decodeSamlRequest(encoded, binding));
    } catch (error) {
      if (error instanceof SamlRequestError) return showError(res, 'malformedRequest', { detail: error.message });
      throw error;
    }
    if (request.kind === 'logout') {
      const sid = parseCookies(req).get(cookieName);
      if (sid) tenant.sessions.delete(sid);
      sendHtml(res, 200, simplePage(persona, 'You signed out of your account', "It's a good idea to close all browser windows."), {
        'set-cookie': `${cookieName}=; Path=${ctx.basePath}; Max-Age=0; HttpOnly; SameSite=Lax`,
      });
      return;
    }
    const registered = app();
    const refusal = takeRequestRefusal();
    if (refusal) return showError(res, refusal, { spEntityId: request.issuer ?? '', acs: request.acsUrl ?? registered?.acsUrls[0] ?? '' });
    if (!registered) return showError(res, 'unknownSp', { spEntityId: request.issuer ?? '(none)' });
    if (persona.authnRequestPolicy.spEntityId === 'exact' && request.issuer !== registered.entityId) {
      return showError(res, 'unknownSp', { spEntityId: request.issuer ?? '(none)' });
    }
    if (request.acsUrl && !registered.acsUrls.includes(request.acsUrl) && persona.authnRequestPolicy.acsUrl === 'must-match') {
      return showError(res, 'acsMismatch', { acs: request.acsUrl, spEntityId: registered.entityId });
    }
    const acs = request.acsUrl ?? registered.acsUrls[0];
    if (!acs) return showError(res, 'acsMismatch', { acs: '(none registered)', spEntityId: registered.entityId });
    await proceed(req, res, { request, acs, spEntityId: registered.entityId, relayState, createdAt: Date.now() });
  }

  async function idpInitiated(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const registered = app();
    const acs = registered?.acsUrls[0];
    if (!registered || !acs) return showError(res, 'unknownSp', { spEntityId: '(no app registered)' });
    const relayState = url.searchParams.get('RelayState') ?? undefined;
    await proceed(req, res, { request: undefined, acs, spEntityId: registered.entityId, relayState, createdAt: Date.now() });
  }

  async function login(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const form = req.method === 'POST' ? await readForm(req) : url.searchParams;
    const key = form.get('p') ?? '';
    const current = pending.get(key);
    if (!current || Date.now() - current.createdAt > PENDING_TTL_MS) {
      sendHtml(
        res,
        400,
        simplePage(
          persona,
          'Your sign-in session expired',
          'This sign-in link is no longer valid. Go back to the application and start signing in again.',
        ),
      );
      return;
    }
    const remembered = rememberedUsers(req);
    const page = (step: 'identifier' | 'password' | 'chooser', extra: { login?: string; error?: string } = {}, status = 200): void =>
      sendHtml(
        res,
        status,
        loginPage({
          persona,
          action: paths.login,
          pending: key,
          appName: appName(),
          users: remembered,
          step,
          ...extra,
          ...(tenant.loginPasswordHint ? { passwordHint: tenant.loginPasswordHint } : {}),
        }),
      );
    const step = form.get('step');
    const loginName = (form.get('login') ?? '').trim();
    // Google: "Email or phone" on a fresh browser; "Choose an account" once accounts signed in here.
    if (req.method !== 'POST' || !step) return page(remembered.length > 0 ? 'chooser' : 'identifier');
    const user = loginName ? tenant.directory.findByLogin(loginName) : undefined;
    switch (step) {
      case 'use-another':
        return page('identifier');
      case 'chooser':
        return page('password', { login: loginName });
      case 'identifier':
        if (!user) return page('identifier', { error: badCredentialsMessage(persona, true) }, 400);
        if (persona.loginFlow === 'email-then-password' || persona.loginFlow === 'account-chooser')
          return page('password', { login: loginName });
        return page('identifier');
      case 'password': {
        if (!user || user.password !== form.get('password')) {
          const retryStep =
            persona.loginFlow === 'email-then-password' || persona.loginFlow === 'account-chooser' ? 'password' : 'identifier';
          return page(user ? retryStep : 'identifier', { login: loginName, error: badCredentialsMessage(persona, !user) }, 400);
        }
        pending.delete(key);
        return respond(res, current, user, [], user.disabled ? {} : { 'set-cookie': signedInCookies(req, user) });
      }
      default:
        return page('identifier');
    }
  }

  return {
    async handle(req, res) {
      const url = new URL(req.url ?? '/', ctx.origin);
      try {
        // Metadata and responses need the signing key; a new tenant's is generated off the event loop.
        await tenant.ensureSigningKeys(persona.id);
        switch (samlRouteOf(paths, url.pathname)) {
          case 'metadata':
            return serveIdpMetadata(req, res, persona, tenant, ctx.origin);
          case 'sso':
            return await sso(req, res, url);
          case 'idp-initiated':
            return await idpInitiated(req, res, url);
          case 'login':
            return await login(req, res, url);
          default:
            res
              .writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
              .end(`${url.pathname} is not a ${persona.displayName} endpoint.\n`);
        }
      } catch (error) {
        if (error instanceof BodyError) {
          sendHtml(res, error.status, simplePage(persona, 'Bad request', error.message));
          return;
        }
        throw error;
      }
    },
    close: () => Promise.resolve(),
    kindOf: (path) => `saml.${samlRouteOf(paths, path) ?? 'unknown'}`,
  };
}
