// SSO configured and enabled without the admin UI, for what comes after the set-up: the IdP side as
// the customer's admin does it in the vendor console (the portal's SP values registered, the OIDC
// app created), the portal side through the target's SSO configuration API (PUT
// /_harness/accounts/{id}/sso, capability `ssoConfig`). The admin UI's set-up is the subject of the
// lifecycle story and of suites/foundation, checked in the same run; a suite that needs SSO on only
// to test a login, a seat or a session takes this path when the target offers it and saves some
// ten browser steps per account.
import type { OidcPersona, OidcPersonaId, SamlPersona, SamlPersonaId } from '../../mock-idps/index.ts';
import type { IdpControlClient } from '../../mock-idps/index.ts';
import type { PortalDriver } from '../driver/portalDriver.ts';
import type { HarnessTarget, ProvisionedAccount } from '../target/harnessTarget.ts';
import { samlRequirements, setUpAndEnableSso, type OidcClient, type SamlChoices } from './ssoSetUp.ts';
import type { SeatLogin } from './testAccount.ts';

export interface SsoByApiOptions {
  readonly saml?: SamlChoices;
  /** Google Workspace: the hd the portal requires. */
  readonly hostedDomain?: string;
  /** The allowed clock skew (default: the portal's own). */
  readonly clockSkewSeconds?: number;
  /** Whether SSO is switched on (default true). */
  readonly enabled?: boolean;
}

/**
 * Registers the account's SP values at the IdP (creating the OIDC app there) and saves the
 * configuration through the target's SSO configuration API. Only when `target.capabilities.ssoConfigApi`.
 * Returns the OIDC client (its secret is the caller's to record) or undefined for SAML.
 */
export async function configureSsoByApi(
  target: HarnessTarget,
  idp: IdpControlClient,
  persona: SamlPersona | OidcPersona,
  account: ProvisionedAccount,
  options: SsoByApiOptions = {},
): Promise<OidcClient | undefined> {
  const sp = account.urls.sp;
  const enabled = options.enabled ?? true;
  const clockSkew = options.clockSkewSeconds === undefined ? {} : { allowedClockSkewSeconds: options.clockSkewSeconds };
  if (persona.protocol === 'saml') {
    await idp.registerSamlApp(persona.id as SamlPersonaId, { entityId: sp.entityId, acsUrls: [sp.acsUrl] });
    await target.configureSso(account.accountId, {
      protocol: 'saml',
      vendor: persona.vendor,
      metadataSource: 'url',
      metadataUrl: idp.samlUrls(persona.id as SamlPersonaId).metadataUrl,
      ...samlRequirements(persona, options.saml),
      ...clockSkew,
      enabled,
    });
    return undefined;
  }
  const app = await idp.registerOidcApp(persona.id as OidcPersonaId, { redirectUris: [sp.oidcRedirectUri] });
  await target.configureSso(account.accountId, {
    protocol: 'oidc',
    vendor: persona.vendor,
    issuer: idp.oidcUrls(persona.id as OidcPersonaId).issuer,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    ...(options.hostedDomain ? { hostedDomain: options.hostedDomain } : {}),
    ...clockSkew,
    enabled,
  });
  return { clientId: app.clientId, clientSecret: app.clientSecret };
}

/**
 * SSO on for `persona` in the driver's account, for a suite whose subject comes after the set-up:
 * through the SSO configuration API when the target has one, else as the admin does it in the
 * portal (`setUpAndEnableSso`: password login, configure, register, Test SSO, enable, log out).
 * Either way nobody is logged in to the portal afterwards; only the admin-UI path leaves the
 * admin an IdP session in the driver's browser, so a caller must not count on one.
 */
export async function ssoOnForSuite(
  target: HarnessTarget,
  driver: PortalDriver,
  idp: IdpControlClient,
  persona: SamlPersona | OidcPersona,
  admin: SeatLogin,
): Promise<void> {
  if (target.capabilities.ssoConfigApi) await configureSsoByApi(target, idp, persona, driver.account);
  else await setUpAndEnableSso(driver, idp, persona, admin);
}
