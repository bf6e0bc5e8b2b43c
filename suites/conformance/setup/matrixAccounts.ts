// The accounts a worker runs the matrix against: one per persona × SP profile, created on first
// use and kept for the worker's life. Each has its own IdP tenant (an IdP registers one app per
// persona and tenant, and its SP entity ID / ACS are the account's), an OE account whose seats are
// the tenant's admin and ordinary user plus the seat-fault seats (seatFaultSetups.ts; they never
// take part in other scenarios), the SP registered at the IdP from the account's own SP URLs, and
// SSO configured and enabled.
import { randomBytes } from 'node:crypto';
import { IdpControlClient, type OidcPersonaId, type PublicUser, type SamlPersonaId } from '../../../mock-idps/control/client.ts';
import { PERSONAS } from '../../../mock-idps/personas/index.ts';
import type { PersonaId } from '../../../mock-idps/types.ts';
import type { HarnessTarget, ProvisionedAccount } from '../../target/harnessTarget.ts';
import type { IdpLogin } from '../http/idpSignInOverHttp.ts';
import { HttpBrowser } from '../http/httpBrowser.ts';
import type { SpProfile } from '../scenario.ts';
import { SEAT_FAULT_SETUPS, fillSeatTemplate, type SeatAuditKind } from '../seatFaultSetups.ts';
import { configureAndEnableSso, type SsoFastSetup } from './referencePortalSso.ts';

export interface MatrixAccount {
  readonly persona: PersonaId;
  readonly profile: SpProfile;
  readonly idp: IdpControlClient;
  readonly accountId: number;
  readonly sp: ProvisionedAccount['urls']['sp'];
  readonly admin: IdpLogin;
  /** The admin seat's portal password (test only; never attached). */
  readonly adminPassword: string;
  readonly user: IdpLogin;
  /** Who signs in for each seat-fault kind. */
  readonly seatFaultLogins: ReadonlyMap<SeatAuditKind, IdpLogin>;
}

/** Told every secret the matrix creates (the reports' secrets scan must know them). */
export type SecretSink = (kind: 'password' | 'client-secret', value: string) => void;

export function profileKey(persona: PersonaId, profile: SpProfile): string {
  return `${persona} ${JSON.stringify(profile)}`;
}

const loginOf = (user: PublicUser): IdpLogin => ({ email: user.email, upn: user.upn });

export class MatrixAccounts {
  readonly #target: HarnessTarget;
  readonly #secret: SecretSink;
  readonly #accounts = new Map<string, Promise<MatrixAccount>>();

  constructor(target: HarnessTarget, secret: SecretSink = () => undefined) {
    this.#target = target;
    this.#secret = secret;
  }

  get target(): HarnessTarget {
    return this.#target;
  }

  account(persona: PersonaId, profile: SpProfile): Promise<MatrixAccount> {
    const key = profileKey(persona, profile);
    let account = this.#accounts.get(key);
    if (!account) {
      account = this.#create(persona, profile);
      // A failed set-up is not cached: the next scenario reports its own error.
      account.catch(() => this.#accounts.delete(key));
      this.#accounts.set(key, account);
    }
    return account;
  }

  async close(): Promise<void> {
    const settled = await Promise.allSettled(this.#accounts.values());
    await Promise.allSettled(settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value.idp.delete()] : [])));
    this.#accounts.clear();
  }

  async #create(persona: PersonaId, profile: SpProfile): Promise<MatrixAccount> {
    const key = `m${randomBytes(5).toString('hex')}`;
    const domain = `${key}.example.com`;
    const idp = await IdpControlClient.createTenant(this.#target.idpControlUrl, { key, domain });
    try {
      return await this.#provision(idp, domain, persona, profile);
    } catch (error) {
      await idp.delete().catch(() => undefined);
      throw error;
    }
  }

  async #provision(idp: IdpControlClient, domain: string, persona: PersonaId, profile: SpProfile): Promise<MatrixAccount> {
    const [adminUser, ordinaryUser, guest] = await Promise.all([idp.userByRole('admin'), idp.userByRole('ordinary'), idp.userByRole('guest-ext')]);
    const admin = loginOf(adminUser);
    const adminPassword = `oe-${randomBytes(9).toString('base64url')}-TEST`;
    this.#secret('password', adminPassword);
    const seatFaultLogins = new Map<SeatAuditKind, IdpLogin>();
    const extraSeats: { name: string; email: string; role: 'admin' | 'user'; disabled: boolean }[] = [];
    const fill = (template: string): string => fillSeatTemplate(template, { domain, guestUpn: guest.upn });
    const added: Promise<PublicUser>[] = [];
    for (const [kind, setup] of Object.entries(SEAT_FAULT_SETUPS) as [SeatAuditKind, (typeof SEAT_FAULT_SETUPS)[SeatAuditKind]][]) {
      for (const seat of setup.seats) extraSeats.push({ name: `Seat fault ${kind}`, email: fill(seat.email), role: seat.role ?? 'user', disabled: seat.disabled ?? false });
      for (const user of setup.idpUsers) {
        const email = fill(user.email);
        added.push(idp.addUser({ email, assigned: user.assigned ?? true, ...(email.endsWith(`@${domain}`) ? { hostedDomain: domain } : {}) }));
      }
      seatFaultLogins.set(kind, typeof setup.signsIn === 'string' ? { email: fill(setup.signsIn) } : loginOf(guest));
    }
    await Promise.all(added);
    const provisioned = await this.#target.provisionAccount({
      name: `Conformance ${persona} (${idp.key})`,
      ssoDomains: [domain],
      seats: [
        { name: adminUser.displayName, email: admin.email, role: 'admin', password: adminPassword },
        { name: ordinaryUser.displayName, email: ordinaryUser.email, role: 'user' },
        ...extraSeats,
      ],
    });
    const sp = provisioned.urls.sp;
    const setup = await this.#registerAtIdp(idp, persona, profile, sp, domain);
    await configureAndEnableSso(new HttpBrowser(), this.#target.portalUrl, { email: admin.email, password: adminPassword }, setup);
    return { persona, profile, idp, accountId: provisioned.accountId, sp, admin, adminPassword, user: loginOf(ordinaryUser), seatFaultLogins };
  }

  /** What the customer's admin does in the vendor console, then what they enter in the portal. */
  async #registerAtIdp(idp: IdpControlClient, persona: PersonaId, profile: SpProfile, sp: ProvisionedAccount['urls']['sp'], domain: string): Promise<SsoFastSetup> {
    const vendor = PERSONAS[persona].vendor;
    if (profile.protocol === 'saml') {
      await idp.registerSamlApp(persona as SamlPersonaId, { entityId: sp.entityId, acsUrls: [sp.acsUrl] });
      const { requireSignedResponse, requireSignedAssertion, allowIdpInitiated } = profile;
      return { protocol: 'saml', vendor, metadataUrl: idp.samlUrls(persona as SamlPersonaId).metadataUrl, requireSignedResponse, requireSignedAssertion, allowIdpInitiated };
    }
    const app = await idp.registerOidcApp(persona as OidcPersonaId, { redirectUris: [sp.oidcRedirectUri] });
    this.#secret('client-secret', app.clientSecret);
    return {
      protocol: 'oidc', vendor, issuer: idp.oidcUrls(persona as OidcPersonaId).issuer, clientId: app.clientId, clientSecret: app.clientSecret,
      // Google Workspace: require the tenant's domain, so an account outside it (no hd) is refused.
      ...(vendor === 'google' ? { hostedDomain: domain } : {}),
    };
  }
}
