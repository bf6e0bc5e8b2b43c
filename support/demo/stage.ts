// `sso-harness demo`: the reference portal and the mock IdPs (all eight personas) wired together on
// loopback, for a newcomer to click through the SSO lifecycle by hand — set up, Test SSO, enable,
// lock out, support recovery. SSO is *not* configured: that is the first thing to try. The
// account's seats are the IdP directory's users, the portal's SP is registered at every persona
// (an OIDC client at each OIDC persona), and the mock login pages show the test password.
// Everything started here is closed by `close()`.
import { randomBytes } from 'node:crypto';
import {
  IdpControlClient,
  TEST_USER_PASSWORD,
  type OidcPersonaId,
  type SamlPersonaId,
  PERSONAS,
  DEMO_TENANT_KEY,
  startIdpServer,
  type IdpServer,
  PERSONA_IDS,
} from '../../mock-idps/index.ts';
import { startEmbeddedPortal, type EmbeddedPortal, type ProvisionedAccount } from '../../portal/index.ts';

export interface DemoLogin {
  readonly name: string;
  readonly email: string;
  /** Portal password (test only; printed for trying by hand, never written anywhere). */
  readonly password: string;
  /** What to type at the IdP (Entra: the UPN; the others: the email). */
  /** The sign-in name at the IdP: the UPN where the vendor signs in with it (Entra), the email elsewhere. */
  readonly idpLogin: { readonly upn: string; readonly email: string };
}

export interface DemoPersona {
  readonly id: string;
  readonly displayName: string;
  /** What to enter in the portal's IdP and SSO section. */
  readonly enter: ReadonlyArray<readonly [string, string]>;
}

export interface Demo {
  readonly portalUrl: string;
  readonly idpUrl: string;
  readonly controlUrl: string;
  readonly account: ProvisionedAccount;
  readonly admin: DemoLogin;
  readonly user: DemoLogin;
  readonly support: { readonly email: string; readonly password: string };
  readonly idpPassword: string;
  readonly personas: readonly DemoPersona[];
  /** The portal itself (its provisioning API), for checks of the demo's wiring. */
  readonly portal: EmbeddedPortal;
  close(): Promise<void>;
}

const testPassword = (): string => `demo-${randomBytes(6).toString('base64url')}-Aa1`;

export async function startDemo(
  options: { readonly idpPort?: number; readonly portalPort?: number; readonly log?: (line: string) => void } = {},
): Promise<Demo> {
  const log = options.log ?? ((): void => undefined);
  const closers: Array<() => Promise<void>> = [];
  const close = async (): Promise<void> => {
    for (const closer of closers.splice(0).reverse()) await closer();
  };
  try {
    log('Starting the mock IdPs (eight personas) and the reference portal on 127.0.0.1…');
    const idpServer: IdpServer = await startIdpServer({ ...(options.idpPort !== undefined ? { port: options.idpPort } : {}) });
    closers.push(() => idpServer.close());
    const portal = await startEmbeddedPortal({
      log: () => undefined,
      ...(options.portalPort !== undefined ? { port: options.portalPort } : {}),
    });
    closers.push(() => portal.close());

    // The login pages of the demo tenant say they are test pages and give the test password.
    const tenant = idpServer.tenants.get(DEMO_TENANT_KEY);
    if (tenant) tenant.loginPasswordHint = TEST_USER_PASSWORD;
    const idp = await IdpControlClient.forTenant(idpServer.controlUrl, DEMO_TENANT_KEY);
    const [adminUser, ordinaryUser] = await Promise.all([idp.userByRole('admin'), idp.userByRole('ordinary')]);
    const login = (user: typeof adminUser): DemoLogin => ({
      name: user.displayName,
      email: user.email,
      password: testPassword(),
      idpLogin: { upn: user.upn, email: user.email },
    });
    const admin = login(adminUser);
    const user = login(ordinaryUser);
    const account = await portal.createAccount({
      name: 'Demo: try SSO by hand',
      seats: [
        { name: admin.name, email: admin.email, role: 'admin', password: admin.password },
        { name: user.name, email: user.email, role: 'user', password: user.password },
      ],
    });
    const support = { email: 'support.agent@ooma.example', password: testPassword() };
    await portal.createSupportStaff({ name: 'Sam Support', ...support });

    log("Registering the portal's SP at every persona…");
    const sp = account.urls.sp;
    const personas: DemoPersona[] = [];
    for (const id of PERSONA_IDS) {
      const persona = PERSONAS[id];
      if (persona.protocol === 'saml') {
        await idp.registerSamlApp(id as SamlPersonaId, { entityId: sp.entityId, acsUrls: [sp.acsUrl] });
        personas.push({
          id,
          displayName: persona.displayName,
          enter: [
            ['Vendor', persona.vendor],
            ['IdP metadata URL', idp.samlUrls(id as SamlPersonaId).metadataUrl],
          ],
        });
      } else {
        const app = await idp.registerOidcApp(id as OidcPersonaId, { redirectUris: [sp.oidcRedirectUri] });
        personas.push({
          id,
          displayName: persona.displayName,
          enter: [
            ['Vendor', persona.vendor],
            ['Issuer', idp.oidcUrls(id as OidcPersonaId).issuer],
            ['Client ID', app.clientId],
            ['Client secret (test only)', app.clientSecret],
          ],
        });
      }
    }
    return {
      portalUrl: portal.url,
      idpUrl: idpServer.url,
      controlUrl: idpServer.controlUrl,
      account,
      admin,
      user,
      support,
      idpPassword: TEST_USER_PASSWORD,
      personas,
      portal,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
