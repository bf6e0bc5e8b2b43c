// Each vendor's three documents exactly as the mock serves them over HTTP to one tenant: the SAML
// persona's IdP metadata, the OIDC persona's discovery document, and the JWKS at its jwks_uri.
import { OIDC_PERSONAS, SAML_PERSONAS } from '../../personas/index.ts';
import type { IdpServer } from '../../server.ts';
import type { TenantIds, Vendor } from '../../types.ts';
import { oidcUrls, samlUrls } from '../../urls.ts';
import type { JsonObject } from './featureLedger.ts';
import type { VendorDocuments } from './vendorDocumentFeatures.ts';

async function get(url: string): Promise<string> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status}`);
  return response.text();
}

export async function servedDocuments(server: Pick<IdpServer, 'url'>, ids: TenantIds, vendor: Vendor): Promise<VendorDocuments> {
  const saml = SAML_PERSONAS.find((persona) => persona.vendor === vendor);
  const oidc = OIDC_PERSONAS.find((persona) => persona.vendor === vendor);
  if (!saml || !oidc) throw new Error(`${vendor}: no SAML or no OIDC persona`);
  // Entra's app metadata URL carries ?appid= (vendors.md "where"); an SP pastes it so, and the mock serves it so.
  const metadataUrl = samlUrls(saml, ids, server.url).metadataUrl + (vendor === 'entra' ? `?appid=${ids.clientId}` : '');
  const discoveryUrl = oidcUrls(oidc, ids, server.url).discoveryUrl;
  const discovery = JSON.parse(await get(discoveryUrl)) as JsonObject;
  const jwksUrl = typeof discovery.jwks_uri === 'string' ? discovery.jwks_uri : '';
  return {
    metadata: { doc: await get(metadataUrl), served: { url: metadataUrl } },
    discovery: { doc: discovery, served: { url: discoveryUrl } },
    jwks: { doc: JSON.parse(await get(jwksUrl)) as JsonObject, served: { url: jwksUrl } },
  };
}
