// The persona's login pages (oidc-provider interactions): the vendor's steps, users and passwords
// from the tenant directory, the IdP session set on success so the next login is a redirect
// chain. Google's account chooser remembers the accounts used in this browser. The prompts each
// vendor documents end here too: login (asked again), consent (the consent screen),
// select_account (the chooser; signing in as another account switches the IdP session).
import express, { type Request, type Response, type Router } from 'express';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';
import type { TenantState } from '../tenants.ts';
import type { OidcPersona, VendorError } from '../types.ts';
import { loginForm } from '../personas/index.ts';
import { renderErrorPage, renderLoginPage, type LoginPageInput } from './pages.ts';

const CHOOSER_COOKIE = 'ACCOUNT_CHOOSER';

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

export interface LoginDeps {
  readonly persona: OidcPersona;
  readonly tenant: TenantState;
  readonly provider: Provider;
  readonly mountPath: string;
  readonly loginPath: string;
  /** Path of the IdP's cookies: where the engine is mounted, or above it when the endpoints sit beside the issuer. */
  readonly cookiePath: string;
}

const SESSION_LOST: VendorError = {
  code: 'session_expired',
  title: 'Your sign-in session has expired',
  message: 'This sign-in page is no longer valid: it expired, or it was opened in another browser.',
  httpStatus: 400,
};

function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

function field(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

export function createLoginRouter(deps: LoginDeps): Router {
  const { persona, tenant, provider } = deps;
  const form = loginForm(persona.loginFlow);
  const router = express.Router();
  const { cookiePath } = deps;

  function remembered(req: Request): string[] {
    return (cookieValue(req, CHOOSER_COOKIE) ?? '').split('|').filter(Boolean);
  }

  function sendPage(res: Response, status: number, input: Omit<LoginPageInput, 'vendor' | 'flow'>): void {
    res
      .status(status)
      .type('html')
      .set('cache-control', 'no-store')
      .send(
        renderLoginPage({
          vendor: persona.vendor,
          flow: persona.loginFlow,
          ...input,
          ...(tenant.loginPasswordHint ? { passwordHint: tenant.loginPasswordHint } : {}),
        }),
      );
  }

  function sendError(res: Response, error: VendorError, values: Record<string, string>, hint: string): void {
    res
      .status(error.httpStatus === 302 ? 400 : error.httpStatus)
      .type('html')
      .set('cache-control', 'no-store')
      .send(renderErrorPage({ vendor: persona.vendor, error, values, hint }));
  }

  function sessionLost(res: Response): void {
    sendError(
      res,
      SESSION_LOST,
      {},
      'Start the login again from the application (the SP); this page belongs to an interaction that no longer exists.',
    );
  }

  async function finish(req: Request, res: Response, result: InteractionResults, merge: boolean): Promise<void> {
    try {
      await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: merge });
    } catch {
      sessionLost(res);
    }
  }

  async function switchSessionAccount(interaction: Interaction, sessionUid: string, accountId: string): Promise<void> {
    const session = await provider.Session.findByUid(sessionUid);
    if (!session || !interaction.session) return;
    // The grants belonged to the previous account (provider.ts finds them by client).
    session.authorizations = {};
    session.loginAccount({ accountId });
    await session.persist();
    // oidc-provider refuses an interaction whose session changed principal behind its back.
    interaction.session.accountId = accountId;
    await interaction.persist();
  }

  async function details(req: Request, res: Response): Promise<Interaction | undefined> {
    try {
      return await provider.interactionDetails(req, res);
    } catch {
      sessionLost(res);
      return undefined;
    }
  }

  /** The prompt values the authorization request asked for (OIDC Core §3.1.2.1). */
  function requestedPrompts(interaction: Interaction): Set<string> {
    return new Set(typeof interaction.params.prompt === 'string' ? interaction.params.prompt.split(' ').filter(Boolean) : []);
  }

  function appNameOf(interaction: Interaction): string {
    return typeof interaction.params.client_id === 'string' ? interaction.params.client_id : '';
  }

  router.get('/:uid', async (req, res) => {
    const interaction = await details(req, res);
    if (!interaction) return;
    if (interaction.prompt.name === 'consent') {
      const user = interaction.session?.accountId === undefined ? undefined : tenant.directory.byId(interaction.session.accountId);
      sendPage(res, 200, {
        action: req.originalUrl,
        appName: appNameOf(interaction),
        step: 'consent',
        ...(user ? { login: user.email } : {}),
      });
      return;
    }
    // Google: "Email or phone" on a fresh browser; the chooser lists only accounts signed in here.
    const accounts = remembered(req);
    const step = persona.loginFlow === 'account-chooser' && accounts.length > 0 ? 'chooser' : 'identifier';
    sendPage(res, 200, { action: req.originalUrl, appName: appNameOf(interaction), step, rememberedAccounts: accounts });
  });

  router.post('/:uid', express.urlencoded({ extended: false, limit: '16kb' }), async (req, res) => {
    const interaction = await details(req, res);
    if (!interaction) return;
    const base = { action: req.originalUrl, appName: appNameOf(interaction) };
    const prompts = requestedPrompts(interaction);
    if (interaction.prompt.name === 'consent') {
      const result =
        field(req.body, 'consent') === 'accept'
          ? { consent: {} }
          : { error: 'access_denied', error_description: 'The user declined to grant the permissions the application requested.' };
      await finish(req, res, result, true);
      return;
    }
    const login = field(req.body, form.identifierField)?.trim();
    const password = field(req.body, form.passwordField);
    if (field(req.body, 'use_another') !== undefined) {
      sendPage(res, 200, { ...base, step: 'identifier' });
      return;
    }
    if (!login) {
      sendPage(res, 400, { ...base, step: 'identifier', error: form.unknownUser });
      return;
    }
    const user = tenant.directory.findByLogin(login);
    // prompt=select_account: picking the account this browser is signed in with needs no password.
    if (
      password === undefined &&
      prompts.has('select_account') &&
      user !== undefined &&
      user.id === interaction.session?.accountId &&
      !user.disabled
    ) {
      await finish(req, res, { select_account: {} }, false);
      return;
    }
    if (password === undefined) {
      if (form.steps === 1) sendPage(res, 400, { ...base, step: 'identifier', login, error: form.wrongCredentials });
      else if (!user) sendPage(res, 200, { ...base, step: 'identifier', login, error: form.unknownUser });
      else sendPage(res, 200, { ...base, step: 'password', login });
      return;
    }
    if (!user || user.password !== password) {
      sendPage(res, 200, { ...base, step: form.steps === 1 ? 'identifier' : 'password', login, error: form.wrongCredentials });
      return;
    }
    if (user.disabled) {
      const error = persona.errors.userDisabled;
      if (error.httpStatus === 302) {
        await provider.interactionFinished(
          req,
          res,
          { error: error.code, error_description: error.message },
          { mergeWithLastSubmission: false },
        );
      } else {
        sendError(
          res,
          error,
          { user: user.upn, clientId: base.appName },
          'The directory user is disabled: enable it through the control API (PATCH the user) or log in as another user.',
        );
      }
      return;
    }
    if (persona.loginFlow === 'account-chooser') {
      const accounts = [user.email, ...remembered(req).filter((email) => email !== user.email)].slice(0, 10);
      res.cookie(CHOOSER_COOKIE, accounts.join('|'), { path: cookiePath, httpOnly: true, sameSite: 'lax' });
    }
    // Another account than the one this browser is signed in with (select_account, "Use another
    // account"): the IdP session switches to it, as the vendors' choosers do, instead of oidc-provider's logout prompt.
    const signedIn = interaction.session;
    if (signedIn?.accountId !== undefined && signedIn.accountId !== user.id) await switchSessionAccount(interaction, signedIn.uid, user.id);
    // A requested select_account is answered by the sign-in itself; consent (if asked) comes next.
    await finish(
      req,
      res,
      { login: { accountId: user.id, remember: true }, ...(prompts.has('select_account') ? { select_account: {} } : {}) },
      false,
    );
  });

  return router;
}
