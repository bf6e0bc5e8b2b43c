// The reference portal's harness API as repro uses it: save the account's SSO configuration
// (PUT /_harness/accounts/{id}/sso, portal/README.md) as the admin would in the IdP and SSO section.
import type { EmbeddedPortal } from '../../portal/index.ts';
import { freshConnectionFetch } from '../../lib/index.ts';

/** The IdP and SSO form's fields by their form names (portal/web/ssoForm.ts). */
export type SsoConfigurationBody = Readonly<Record<string, string | number | boolean>> & { readonly protocol: 'saml' | 'oidc' };

export interface SavedSsoConfiguration {
  readonly version: number;
  readonly enabled: boolean;
  /** The stored settings, never with the client secret. */
  readonly settings: Readonly<Record<string, unknown>>;
  readonly warnings: readonly string[];
}

export class PortalRefusedConfigurationError extends Error {}

export async function saveSsoConfiguration(
  portal: EmbeddedPortal,
  accountId: number,
  body: SsoConfigurationBody,
): Promise<SavedSsoConfiguration> {
  const response = await freshConnectionFetch(`${portal.url}/_harness/accounts/${accountId}/sso`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${portal.harnessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { message?: string } & Partial<SavedSsoConfiguration>;
  if (response.status !== 200) {
    throw new PortalRefusedConfigurationError(
      `The portal refused the SSO configuration this scenario needs (HTTP ${response.status}): ${json.message ?? 'no message'}`,
    );
  }
  return json as SavedSsoConfiguration;
}
