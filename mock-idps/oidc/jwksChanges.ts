// The JWKS changes a tenant can keep from its creation on (control API `POST
// /tenants/:key/jwks/:change`, until reset), as a fault's `publish` names them too (JwksChange in
// jwtMutator.ts): an IdP that publishes several RSA keys from the first fetch (`extra-rsa-key`), or
// one (`signing-key-only`). No imports: the control client, the tenant and the suites read it.
export const TENANT_JWKS_CHANGES = ['extra-rsa-key', 'signing-key-only'] as const;
export type TenantJwksChange = (typeof TENANT_JWKS_CHANGES)[number];

export function isTenantJwksChange(value: unknown): value is TenantJwksChange {
  return (TENANT_JWKS_CHANGES as readonly unknown[]).includes(value);
}
