// Stands a scenario up on loopback: the reference portal and the scenario's IdP persona, an IdP
// tenant, an OE account whose seats are the tenant's admin and ordinary user, the SP registered
// at the IdP and SSO configured and enabled (the working set-up), then the scenario's changes
// that break it. Everything is started here and everything is closed by `close()`.
import { randomBytes } from 'node:crypto';
import {
  IdpControlClient,
  TEST_USER_PASSWORD,
  type OidcPersonaId,
  type PublicUser,
  type SamlPersonaId,
  LOCKOUT_CAUSES,
  type LockoutContext,
  type LockoutState,
  PERSONAS,
  startIdpServer,
  type IdpServer,
} from '../../mock-idps/index.ts';
import type { Persona, PersonaId, OidcPersonaUrls, SamlPersonaUrls } from '../../mock-idps/index.ts';
import { startEmbeddedPortal, type EmbeddedPortal, type ProvisionedAccount } from '../../portal/index.ts';
import { saveSsoConfiguration, type SavedSsoConfiguration, type SsoConfigurationBody } from './portalApi.ts';
import { personasFor, ScenarioPersonaError, type ReproChange, type ReproScenario, type SpSettingsPatch } from './scenarios.ts';

export const REPRO_TENANT_KEY = 'repro';
export const DEFAULT_REPRO_DOMAIN = 'contoso.example';

export interface StageOptions {
  /** Another persona the scenario applies to (default: the scenario's). */
  readonly persona?: PersonaId;
  /** The IdP directory's email domain (seat emails use it). */
  readonly domain?: string;
  /** Progress, one line per step. */
  readonly log?: (line: string) => void;
}

export interface SeatLogin {
  readonly role: 'admin' | 'user';
  readonly name: string;
  /** The seat's email at the portal (also the IdP directory email). */
  readonly email: string;
  /** Portal password (test only; printed for trying by hand, never written to reports). */
  readonly password: string;
  /** What the user types at the IdP (Entra: the UPN). */
  readonly idpLogin: string;
}

export interface ReproStage {
  readonly scenario: ReproScenario;
  readonly persona: Persona;
  readonly portalUrl: string;
  readonly idpUrl: string;
  readonly idpServer: IdpServer;
  readonly idp: IdpControlClient;
  readonly account: ProvisionedAccount;
  readonly idpUrls: SamlPersonaUrls | OidcPersonaUrls;
  readonly admin: SeatLogin;
  readonly user: SeatLogin;
  readonly support: { readonly email: string; readonly password: string };
  /** The IdP directory's test password (every seeded user has it). */
  readonly idpPassword: string;
  /** The OIDC client the SP is configured with (secret: never written). */
  oidcClientId(): string | undefined;
  /** The SP settings saved last (no client secret) with the account's SP endpoints: explain's --config format. */
  spSettings(): Readonly<Record<string, unknown>>;
  /** Every secret of this stage, to remove from anything written. */
  secrets(): readonly string[];
  /** The scenario's fix, as support tells the customer's admin. */
  fix(): Promise<void>;
  close(): Promise<void>;
}

function resolvePersona(scenario: ReproScenario, requested: PersonaId | undefined): Persona {
  const allowed = personasFor(scenario);
  const id = requested ?? scenario.persona;
  if (!allowed.includes(id)) {
    throw new ScenarioPersonaError(
      `Scenario "${scenario.id}" cannot run with persona "${id}": its faults (${scenario.faults.join(', ')}) apply to ${allowed.join(', ')}. Pick one of those with --persona.`,
    );
  }
  return PERSONAS[id];
}

const testPassword = (): string => `oe-${randomBytes(9).toString('base64url')}-TEST`;

/** Start everything, set up SSO as a working customer has it, then break it as the scenario says. */
export async function stageScenario(scenario: ReproScenario, options: StageOptions = {}): Promise<ReproStage> {
  const persona = resolvePersona(scenario, options.persona);
  const log = options.log ?? ((): void => undefined);
  const closers: (() => Promise<void>)[] = [];
  const close = async (): Promise<void> => {
    for (const closer of closers.splice(0).reverse()) await closer();
  };
  try {
    log(`Starting the mock IdP (${persona.displayName}) and the reference portal on 127.0.0.1…`);
    const idpServer = await startIdpServer({ personas: [persona.id] });
    closers.push(() => idpServer.close());
    const portal = await startEmbeddedPortal({ log: () => undefined });
    closers.push(() => portal.close());
    const stage = await setUp(scenario, persona, idpServer, portal, options.domain ?? DEFAULT_REPRO_DOMAIN, log);
    log(`Breaking it: ${scenario.title}`);
    await stage.apply(scenario.breaks);
    return { ...stage.public, close };
  } catch (error) {
    await close();
    throw error;
  }
}

interface StageInternals {
  readonly public: Omit<ReproStage, 'close'>;
  apply(changes: readonly ReproChange[]): Promise<void>;
}

async function setUp(
  scenario: ReproScenario,
  persona: Persona,
  idpServer: IdpServer,
  portal: EmbeddedPortal,
  domain: string,
  log: (line: string) => void,
): Promise<StageInternals> {
  const idp = await IdpControlClient.createTenant(idpServer.controlUrl, { key: REPRO_TENANT_KEY, domain });
  const [adminUser, ordinaryUser] = await Promise.all([idp.userByRole('admin'), idp.userByRole('ordinary')]);
  const seat = (role: 'admin' | 'user', user: PublicUser): SeatLogin => ({
    role,
    name: user.displayName,
    email: user.email,
    password: testPassword(),
    idpLogin: persona.loginFlow === 'email-then-password' ? user.upn : user.email,
  });
  const admin = seat('admin', adminUser);
  const user = seat('user', ordinaryUser);
  const account = await portal.createAccount({
    name: `Repro: ${scenario.id}`,
    seats: [admin, user].map((login) => ({ name: login.name, email: login.email, role: login.role, password: login.password })),
  });
  const support = { email: 'support.agent@ooma.example', password: testPassword() };
  await portal.createSupportStaff({ name: 'Sam Support', ...support });
  const sp = account.urls.sp;
  const idpUrls = persona.protocol === 'saml' ? idp.samlUrls(persona.id as SamlPersonaId) : idp.oidcUrls(persona.id as OidcPersonaId);

  let oidcClient: { clientId: string; clientSecret: string } | undefined;
  const secrets = new Set<string>([admin.password, user.password, support.password, portal.harnessToken, TEST_USER_PASSWORD]);
  let patch: SpSettingsPatch = {};
  let saved: SavedSsoConfiguration | undefined;
  let lockoutState: LockoutState = {};

  const registerAtIdp = async (): Promise<void> => {
    if (persona.protocol === 'saml') {
      await idp.registerSamlApp(persona.id as SamlPersonaId, { entityId: sp.entityId, acsUrls: [sp.acsUrl] });
      return;
    }
    const registered = await idp.registerOidcApp(persona.id as OidcPersonaId, { ...oidcClient, redirectUris: [sp.oidcRedirectUri] });
    oidcClient = { clientId: registered.clientId, clientSecret: registered.clientSecret };
    secrets.add(registered.clientSecret);
  };

  const configure = async (enabled?: boolean): Promise<void> => {
    const body = {
      ...presetSettings(persona, idpUrls, oidcClient),
      ...withDomain(patch, domain),
      ...(enabled === undefined ? {} : { enabled }),
    } as SsoConfigurationBody;
    saved = await saveSsoConfiguration(portal, account.accountId, body);
  };

  const ctx: LockoutContext = {
    idp,
    persona,
    registerAtIdp,
    reconfigure: async (reconfigureOptions = {}) => {
      if (reconfigureOptions.clientSecret !== undefined && oidcClient) {
        oidcClient = { ...oidcClient, clientSecret: reconfigureOptions.clientSecret };
        secrets.add(reconfigureOptions.clientSecret);
      }
      await configure();
    },
    get oidcClient() {
      return oidcClient;
    },
  };

  const applyOne = async (change: ReproChange): Promise<void> => {
    if (change.at === 'sp') {
      patch = 'preset' in change ? {} : { ...patch, ...change.settings };
      await configure();
    } else if (change.at === 'fix') {
      await LOCKOUT_CAUSES[change.lockout].fix(ctx, lockoutState);
    } else if ('lockout' in change) {
      lockoutState = await LOCKOUT_CAUSES[change.lockout].introduce(ctx);
      if (lockoutState.newClientSecret !== undefined) secrets.add(lockoutState.newClientSecret);
    } else if ('fault' in change) {
      await idp.use(change.fault, { persona: persona.id });
    } else {
      await idp.resetFaults();
    }
  };
  const apply = async (changes: readonly ReproChange[]): Promise<void> => {
    for (const change of changes) await applyOne(change);
  };

  log(`Registering the portal at the IdP and configuring SSO for account ${account.accountId} (enabled)…`);
  await registerAtIdp();
  await configure(true);

  return {
    apply,
    public: {
      scenario,
      persona,
      portalUrl: portal.url,
      idpUrl: idpServer.url,
      idpServer,
      idp,
      account,
      idpUrls,
      admin,
      user,
      support,
      idpPassword: TEST_USER_PASSWORD,
      oidcClientId: () => oidcClient?.clientId,
      spSettings: () => ({ ...saved?.settings, sp: { entityId: sp.entityId, acsUrl: sp.acsUrl, oidcRedirectUri: sp.oidcRedirectUri } }),
      secrets: () => [...secrets],
      fix: () => apply(scenario.fixes),
    },
  };
}

/** What the admin enters for this vendor at set-up: the metadata URL and the parts it signs, or issuer and client. */
function presetSettings(
  persona: Persona,
  urls: SamlPersonaUrls | OidcPersonaUrls,
  client: { clientId: string; clientSecret: string } | undefined,
): SsoConfigurationBody {
  if (persona.protocol === 'saml' && urls.protocol === 'saml') {
    const scope = persona.signing.scope;
    return {
      protocol: 'saml',
      vendor: persona.vendor,
      metadataSource: 'url',
      metadataUrl: urls.metadataUrl,
      requireSignedResponse: scope === 'response' || scope === 'both',
      requireSignedAssertion: scope === 'assertion' || scope === 'both',
    };
  }
  if (urls.protocol !== 'oidc' || !client) throw new Error(`Register the OIDC client of ${persona.id} before configuring the portal.`);
  return { protocol: 'oidc', vendor: persona.vendor, issuer: urls.issuer, clientId: client.clientId, clientSecret: client.clientSecret };
}

function withDomain(patch: SpSettingsPatch, domain: string): SpSettingsPatch {
  return patch.hostedDomain === undefined ? patch : { ...patch, hostedDomain: patch.hostedDomain.replace('{domain}', domain) };
}
