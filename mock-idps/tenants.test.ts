// Tenant state: deterministic vendor ids, the awkward seeded users, one-shot faults, keys, reset.
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TEST_USER_PASSWORD } from './directory.ts';
import { appliesTo } from './faults/catalog.ts';
import { certificateMatchesKey } from './keys.ts';
import { deriveTenantIds, fillTemplate } from './tenantIds.ts';
import { TenantError, TenantRegistry, TenantState } from './tenants.ts';

describe('tenant ids', () => {
  it('are deterministic per key and shaped like the vendors\' own', () => {
    const ids = deriveTenantIds('acme');
    expect(deriveTenantIds('acme')).toEqual(ids);
    expect(deriveTenantIds('other').tid).not.toBe(ids.tid);
    expect(ids.tid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids.org).toMatch(/^dev-[1-9]\d{7}$/);
    expect(ids.exk).toMatch(/^exk[A-Za-z0-9]{17}$/);
    expect(ids.idpid).toMatch(/^C0[a-z0-9]{7}$/);
    expect(ids.clientId).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(fillTemplate('{base}/okta/{org}/app/{slug}/{exk}/sso/saml', ids, 'http://127.0.0.1:1')).toBe(`http://127.0.0.1:1/okta/${ids.org}/app/${ids.slug}/${ids.exk}/sso/saml`);
  });
});

describe('directory', () => {
  it('seeds ordinary users and the awkward ones support meets', () => {
    const users = new TenantState('dir', 'acme.example').directory;
    const byRole = (role: Parameters<typeof users.byRole>[0]) => users.byRole(role)!;
    expect(byRole('ordinary').email).toBe('bob.user@acme.example');
    expect(byRole('upper-case-email').email).toBe('Carol.Case@ACME.EXAMPLE');
    expect(byRole('guest-ext').upn).toBe('dave.guest_partner.example.net#EXT#@acme.onmicrosoft.com');
    expect(byRole('not-assigned').assigned).toBe(false);
    expect(byRole('disabled').disabled).toBe(true);
    expect(byRole('other-domain').email.endsWith('@acme.example')).toBe(false);
    expect(byRole('other-domain').hostedDomain).toBeUndefined();
    expect(byRole('ordinary').hostedDomain).toBe('acme.example');
    expect(byRole('ordinary').password).toBe(TEST_USER_PASSWORD);
    expect(users.findByLogin('CAROL.case@acme.example')?.role).toBe('upper-case-email');
    expect(users.findByLogin('dave.guest_partner.example.net#EXT#@acme.onmicrosoft.com')?.role).toBe('guest-ext');
    const ids = byRole('ordinary').vendorIds;
    expect(ids.okta).toMatch(/^00u/);
    expect(ids.google).toMatch(/^[1-9]\d{20}$/);
    expect(ids.auth0).toMatch(/^auth0\|[0-9a-f]{24}$/);
  });
});

describe('faults on a tenant', () => {
  it('takeFaults consumes one-shot faults and keeps lasting ones; persona-scoped faults stay on their persona', () => {
    const tenant = new TenantState('faults');
    tenant.useFault({ id: 'saml.audience-mismatch', once: true });
    tenant.useFault({ id: 'saml.sha1-signature', once: false });
    tenant.useFault({ id: 'saml.recipient-mismatch', once: true, persona: 'okta-saml' });
    expect(tenant.takeFaults('entra-saml', appliesTo).map((f) => f.id)).toEqual(['saml.audience-mismatch', 'saml.sha1-signature']);
    expect(tenant.takeFaults('entra-saml', appliesTo).map((f) => f.id)).toEqual(['saml.sha1-signature']);
    expect(tenant.peekFaults('entra-oidc', appliesTo)).toEqual([]);
    expect(tenant.takeFaults('okta-saml', appliesTo).map((f) => f.id)).toEqual(['saml.sha1-signature', 'saml.recipient-mismatch']);
    tenant.resetFaults();
    expect(tenant.faults).toEqual([]);
  });
});

describe('signing keys', () => {
  it('are generated lazily with the vendor\'s certificate lifetime; rotate and expire behave like the consoles', () => {
    const tenant = new TenantState('keys');
    const entra = tenant.signingKeys('entra-saml').current;
    expect(new X509Certificate(entra.certificatePem).subject).toContain('Microsoft Azure Federated SSO Certificate');
    expect((entra.notAfter.getTime() - entra.notBefore.getTime()) / 86_400_000).toBe(3 * 365);
    const next = tenant.nextSigningKey('entra-saml');
    const rotated = tenant.rotateSigningKey('entra-saml');
    expect(rotated.current.fingerprint256).toBe(next.fingerprint256);
    expect(rotated.previous?.fingerprint256).toBe(entra.fingerprint256);
    const expired = tenant.expireSigningKey('entra-saml');
    expect(expired.current.notAfter.getTime()).toBeLessThan(Date.now());
    expect(certificateMatchesKey(expired.current.certificatePem, next.privateKeyPem)).toBe(true);
  });

  it('reset() returns the tenant to its freshly created state', () => {
    const tenant = new TenantState('reset');
    const key = tenant.signingKeys('google-saml').current.fingerprint256;
    tenant.registerApp('google-saml', { saml: { entityId: 'x', acsUrls: ['http://127.0.0.1/acs'] } });
    tenant.useFault({ id: 'saml.xsw1', once: false });
    tenant.setClockOffset(600);
    tenant.directory.update('u-bob.user', { disabled: true });
    tenant.log({ persona: 'google-saml', method: 'GET', path: '/x', kind: 'saml.sso' });
    const changes: string[] = [];
    tenant.subscribe((change) => changes.push(change));
    tenant.reset();
    expect(changes).toEqual(['reset']);
    expect([tenant.apps.size, tenant.faults.length, tenant.clockOffsetSeconds, tenant.requestLog.length]).toEqual([0, 0, 0, 0]);
    expect(tenant.directory.byId('u-bob.user')?.disabled).toBe(false);
    expect(tenant.signingKeys('google-saml').current.fingerprint256).not.toBe(key);
  });
});

describe('registry', () => {
  it('finds tenants by key and by vendor path id; refuses bad and duplicate keys', () => {
    const registry = new TenantRegistry();
    const tenant = registry.create({ key: 'acme' });
    expect(registry.byVendorPathId('okta', tenant.ids.org)).toBe(tenant);
    expect(registry.byVendorPathId('entra', tenant.ids.tid)).toBe(tenant);
    expect(registry.byVendorPathId('google', 'C0nothing')).toBeUndefined();
    expect(() => registry.create({ key: 'acme' })).toThrow(TenantError);
    expect(() => registry.create({ key: 'Bad Key' })).toThrow('lower-case letters');
    expect(registry.create().key).toMatch(/^t-[0-9a-f]{12}$/);
    expect(registry.delete('acme')).toBe(true);
    expect(registry.byVendorPathId('okta', tenant.ids.org)).toBeUndefined();
  });
});
