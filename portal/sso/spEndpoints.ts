// What the SP (the portal) says about itself for one account, and how each vendor console names
// those values (presets.ts), so the admin can copy them into the right field on the IdP side.
import type { SpEndpoints, SsoProtocol, VendorPreset } from './contract.ts';
import { PRESETS } from './presets.ts';

/**
 * Where a portal serves the SP endpoints of an account: Express-style paths with `:accountId`.
 * The entity ID is the metadata URL (see spEndpointsFor).
 */
export interface SpPathLayout {
  readonly signOn: string;
  readonly acs: string;
  readonly metadata: string;
  readonly oidcCallback: string;
}

/** The reference portal's SP paths. */
export const REFERENCE_SP_LAYOUT: SpPathLayout = {
  signOn: '/sso/:accountId/start',
  acs: '/sso/:accountId/saml/acs',
  metadata: '/sso/:accountId/saml/metadata',
  oidcCallback: '/sso/:accountId/oidc/callback',
};

/**
 * SP endpoints of one account.
 *
 * Decision: the SP entity ID *is* the SP metadata URL (`{base}/sso/{id}/saml/metadata`).
 * SAML metadata §4.1 ("well-known location") lets an entity ID that is a URL resolve to the
 * entity's metadata, which is what Entra, Okta and Google admins expect when they paste it; it is
 * unique per account (each account is its own SP), and stable as long as the portal base URL is.
 */
export function spEndpointsFor(baseUrl: string, accountId: number, layout: SpPathLayout = REFERENCE_SP_LAYOUT): SpEndpoints {
  if (!Number.isSafeInteger(accountId) || accountId <= 0) {
    throw new Error(`Cannot build SP endpoints: account id ${String(accountId)} is not a positive integer.`);
  }
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    throw new Error(
      `Cannot build SP endpoints: the portal base URL "${baseUrl}" is not an absolute URL (expected e.g. http://127.0.0.1:8080).`,
    );
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new Error(`Cannot build SP endpoints: the portal base URL "${baseUrl}" must use http or https.`);
  }
  if (base.search || base.hash) {
    throw new Error(`Cannot build SP endpoints: the portal base URL "${baseUrl}" must not carry a query or fragment.`);
  }
  const root = `${base.origin}${base.pathname.replace(/\/+$/, '')}`;
  const url = (path: string): string => `${root}${path.replace(/:accountId\b/g, String(accountId))}`;
  const metadataUrl = url(layout.metadata);
  return {
    entityId: metadataUrl,
    acsUrl: url(layout.acs),
    metadataUrl,
    signOnUrl: url(layout.signOn),
    oidcRedirectUri: url(layout.oidcCallback),
  };
}

export interface IdpSideLink {
  readonly label: string;
  readonly value: string;
  readonly help: string;
}

/** The values to configure on the IdP side, labelled with the vendor console's own field names. */
export function idpSideLinks(vendor: VendorPreset, protocol: SsoProtocol, sp: SpEndpoints): IdpSideLink[] {
  return PRESETS[vendor].links[protocol].map((row) => ({ label: row.label, value: sp[row.endpoint], help: row.help }));
}
