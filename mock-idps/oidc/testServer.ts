// Test support: one OIDC persona of one tenant on a loopback port, dispatched the way the IdP
// server does it (full path kept, every request logged), plus a login driver that fills the
// vendor's login steps by label over HTTP. Used by the engine and fault-proof tests.
import { createServer } from 'node:http';
import { closeServer, listenOnLoopback } from '../../lib/index.ts';
import { TEST_USER_PASSWORD } from '../directory.ts';
import type { PersonaEngine } from '../engineTypes.ts';
import { OIDC_PERSONAS } from '../personas/index.ts';
import { TenantState, type OidcAppRegistration } from '../tenants.ts';
import type { OidcPersona, PersonaId } from '../types.ts';
import { oidcUrls } from '../urls.ts';
import { createOidcEngine } from './engine.ts';
import type { HttpBrowser, Landing } from './httpBrowser.ts';
import { loginForm } from '../personas/index.ts';

export interface OidcTestServer {
  readonly origin: string;
  readonly issuer: string;
  readonly persona: OidcPersona;
  readonly tenant: TenantState;
  readonly app: OidcAppRegistration;
  close(): Promise<void>;
}

export interface OidcTestServerOptions {
  readonly tenantKey?: string;
  readonly app?: Partial<OidcAppRegistration>;
}

export function oidcPersona(id: PersonaId): OidcPersona {
  const persona = OIDC_PERSONAS.find((candidate) => candidate.id === id);
  if (!persona) throw new Error(`${id} is not an OIDC persona`);
  return persona;
}

export async function startOidcTestServer(personaId: PersonaId, options: OidcTestServerOptions = {}): Promise<OidcTestServer> {
  const persona = oidcPersona(personaId);
  const tenant = new TenantState(options.tenantKey ?? 'oidc-test');
  const holder: { engine?: PersonaEngine } = {};
  const server = createServer((req, res) => {
    const { engine } = holder;
    if (!engine) {
      res.writeHead(503).end();
      return;
    }
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    tenant.log({ persona: persona.id, method: req.method ?? 'GET', path, kind: engine.kindOf?.(path) ?? 'oidc' });
    void engine.handle(req, res);
  });
  const origin = await listenOnLoopback(server, 0, 'The OIDC test server');
  holder.engine = createOidcEngine({ tenant, persona, origin, basePath: '' });
  const app: OidcAppRegistration = {
    clientId: 'oe-portal-client',
    clientSecret: 'test-client-secret-value',
    redirectUris: [`${origin}/sp/oidc/callback`],
    ...options.app,
  };
  tenant.registerApp(persona.id, { oidc: app });
  const { issuer } = oidcUrls(persona, tenant.ids, origin);
  return {
    origin,
    issuer,
    persona,
    tenant,
    app,
    async close() {
      await holder.engine?.close();
      await closeServer(server);
    },
  };
}

/**
 * From a landing page of the persona, sign in as `email` the way the vendor's pages ask for it
 * (Entra/Google: identifier then password; Okta/Auth0: both at once; Google: pick the account
 * in the chooser when it offers it). Returns where the browser ended up.
 */
export async function signIn(
  browser: HttpBrowser,
  page: Landing,
  persona: OidcPersona,
  redirectUri: string,
  email: string,
  password = TEST_USER_PASSWORD,
): Promise<Landing> {
  const landed = await signInSteps(browser, page, persona, redirectUri, email, password);
  return isConsentPage(landed, persona) ? browser.submit(landed, loginForm(persona.loginFlow).consent.accept, {}, redirectUri) : landed;
}

/** The vendor's consent screen (prompt=consent), after the sign-in or instead of it. */
export function isConsentPage(page: Landing, persona: OidcPersona): boolean {
  return (
    !page.reachedRedirectUri &&
    page.html.includes(`name="consent" value="accept">${loginForm(persona.loginFlow).consent.accept.replace(/'/g, '&#39;')}</button>`)
  );
}

async function signInSteps(
  browser: HttpBrowser,
  page: Landing,
  persona: OidcPersona,
  redirectUri: string,
  email: string,
  password: string,
): Promise<Landing> {
  const form = loginForm(persona.loginFlow);
  if (page.reachedRedirectUri || isConsentPage(page, persona)) return page;
  // An error page (no login form): the vendor refused before asking who the user is.
  if (!page.html.includes('<form')) return page;
  if (page.html.includes('Choose an account')) {
    const chosen = await browser.submit(page, email, {}, redirectUri);
    // An account this browser is signed in with needs no password (prompt=select_account).
    if (chosen.reachedRedirectUri || !chosen.html.includes(form.passwordLabel)) return chosen;
    return browser.submit(chosen, form.submitButton, { [form.passwordLabel]: password }, redirectUri);
  }
  if (form.steps === 1)
    return browser.submit(page, form.submitButton, { [form.identifierLabel]: email, [form.passwordLabel]: password }, redirectUri);
  const second = await browser.submit(page, form.nextButton, { [form.identifierLabel]: email }, redirectUri);
  if (second.reachedRedirectUri || !second.html.includes(form.passwordLabel)) return second;
  return browser.submit(second, form.submitButton, { [form.passwordLabel]: password }, redirectUri);
}
