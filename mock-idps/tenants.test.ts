// Tenant state: deterministic vendor ids, the awkward seeded users, one-shot faults, keys, reset.
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TEST_USER_PASSWORD } from './directory.ts';
import { appliesTo } from './faults/catalog.ts';
import { TEST_ONLY_COMMENT, testOnlyMarkOf } from '../lib/testing/index.ts';
import { certificateEnd, certificateMatchesKey } from './keys.ts';
import { PERSONAS } from './personas/index.ts';
import { PERSONA_IDS } from './types.ts';
import { deriveTenantIds, fillTemplate } from './tenantIds.ts';
import { TenantError, TenantRegistry, TenantState } from './tenants.ts';

describe('tenant ids', () => {
  it("are deterministic per key and shaped like the vendors' own", () => {
    const ids = deriveTenantIds('acme');
    expect(deriveTenantIds('acme')).toEqual(ids);
    expect(deriveTenantIds('other').tid).not.toBe(ids.tid);
    expect(ids.tid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids.org).toMatch(/^dev-[1-9]\d{7}$/);
    expect(ids.exk).toMatch(/^exk[A-Za-z0-9]{17}$/);
    expect(ids.idpid).toMatch(/^C0[a-z0-9]{7}$/);
    expect(ids.clientId).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(fillTemplate('{base}/okta/{org}/app/{slug}/{exk}/sso/saml', ids, 'http://127.0.0.1:1')).toBe(
      `http://127.0.0.1:1/okta/${ids.org}/app/${ids.slug}/${ids.exk}/sso/saml`,
    );
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
  it("are generated lazily with the vendor's certificate lifetime; rotate and expire behave like the consoles", () => {
    const tenant = new TenantState('keys');
    const entra = tenant.signingKeys('entra-saml').current;
    expect(new X509Certificate(entra.certificatePem).subject).toBe('CN=Microsoft Azure Federated SSO Certificate');
    const threeYears = new Date(entra.notBefore);
    threeYears.setUTCFullYear(threeYears.getUTCFullYear() + 3);
    expect(entra.notAfter.toISOString()).toBe(threeYears.toISOString());
    const next = tenant.nextSigningKey('entra-saml');
    const rotated = tenant.rotateSigningKey('entra-saml');
    expect(rotated.current.fingerprint256).toBe(next.fingerprint256);
    expect(rotated.previous?.fingerprint256).toBe(entra.fingerprint256);
    const expired = tenant.expireSigningKey('entra-saml');
    expect(expired.current.notAfter.getTime()).toBeLessThan(Date.now());
    expect(certificateMatchesKey(expired.current.certificatePem, next.privateKeyPem)).toBe(true);
  });

  it("every persona's certificates take the vendor's subject exactly and say they are test-only in their nsComment extension", async () => {
    const tenant = new TenantState('marks');
    const { ids } = tenant;
    const subjects: Record<string, string> = {};
    for (const persona of PERSONA_IDS) {
      const ring = await tenant.ensureSigningKeys(persona);
      const next = await tenant.ensureNextSigningKey(persona);
      const expired = tenant.expireSigningKey(persona).current;
      const rotated = tenant.rotateSigningKey(persona).current;
      for (const pair of [ring.current, next, expired, rotated]) {
        expect(testOnlyMarkOf(pair.certificatePem), persona).toBe(TEST_ONLY_COMMENT);
        expect(new X509Certificate(pair.certificatePem).subject, persona).toBe(
          PERSONAS[persona].certificate.subject.map(([type, value]) => `${type}=${fillTemplate(value, ids)}`).join('\n'),
        );
      }
      subjects[persona] = new X509Certificate(ring.current.certificatePem).subject.replaceAll('\n', ', ');
    }
    expect(subjects).toEqual({
      'entra-saml': 'CN=Microsoft Azure Federated SSO Certificate',
      'entra-oidc': 'CN=accounts.accesscontrol.windows.net',
      'okta-saml': `C=US, ST=California, L=San Francisco, O=Okta, OU=SSOProvider, CN=${ids.org}, emailAddress=info@okta.com`,
      'okta-oidc': 'CN=Okta (OIDC) token signing',
      'google-saml': 'O=Google Inc., L=Mountain View, CN=Google, OU=Google For Work, C=US, ST=California',
      'google-oidc': 'CN=Google Workspace (OIDC) token signing',
      'auth0-saml': `CN=${ids.tenant}.auth0.com`,
      'auth0-oidc': `CN=${ids.tenant}.auth0.com`,
    });
  });

  it('reset() returns the tenant to its freshly created state', () => {
    const tenant = new TenantState('reset');
    const key = tenant.signingKeys('google-saml').current.fingerprint256;
    tenant.registerApp('google-saml', { saml: { entityId: 'x', acsUrls: ['http://127.0.0.1/acs'] } });
    tenant.useFault({ id: 'saml.xsw1', once: false });
    tenant.setClockOffset(600);
    tenant.changeJwks('extra-rsa-key');
    tenant.changeJwks('signing-key-only');
    tenant.directory.update('u-bob.user', { disabled: true });
    tenant.log({ persona: 'google-saml', method: 'GET', path: '/x', kind: 'saml.sso' });
    const changes: string[] = [];
    tenant.subscribe((change) => changes.push(change));
    tenant.reset();
    expect(changes).toEqual(['reset']);
    expect([tenant.apps.size, tenant.faults.length, tenant.clockOffsetSeconds, tenant.requestLog.length, tenant.jwksChanges.size]).toEqual([
      0, 0, 0, 0, 0,
    ]);
    expect(tenant.directory.byId('u-bob.user')?.disabled).toBe(false);
    expect(tenant.signingKeys('google-saml').current.fingerprint256).not.toBe(key);
  });
});

describe('signing keys generated off the event loop', () => {
  it('ensureSigningKeys generates once, shares the pending key, and agrees with signingKeys()', async () => {
    const tenant = new TenantState('async-keys');
    const [first, second] = await Promise.all([tenant.ensureSigningKeys('okta-saml'), tenant.ensureSigningKeys('okta-saml')]);
    expect(second).toBe(first);
    expect(tenant.signingKeys('okta-saml')).toBe(first);
    // Okta: 10 years and one minute.
    expect(first.current.notAfter).toEqual(certificateEnd(first.current.notBefore, { years: 10, minutes: 1 }));
    const next = await tenant.ensureNextSigningKey('okta-saml');
    expect(tenant.nextSigningKey('okta-saml')).toBe(next);
    expect(tenant.rotateSigningKey('okta-saml').current).toBe(next);
  });

  it('a synchronous caller that gets there first wins; a key generated before reset() is dropped', async () => {
    const tenant = new TenantState('race');
    const pending = tenant.ensureSigningKeys('auth0-saml');
    const sync = tenant.signingKeys('auth0-saml');
    expect(await pending).toBe(sync);
    const beforeReset = tenant.ensureSigningKeys('google-saml');
    tenant.reset();
    const after = await beforeReset;
    expect(tenant.signingKeys('google-saml')).toBe(after);
    expect(await tenant.ensureSigningKeys('google-saml')).toBe(after);
  });

  it('takes the first keys from a key cache and fills it, but never after a reset or for the next key', async () => {
    const remembered = new Map<string, string>();
    const cache = {
      privateKeyPem: (slot: string) => remembered.get(slot),
      remember: (slot: string, pem: string) => void remembered.set(slot, pem),
    };
    const first = new TenantState('demo');
    first.useKeyCache(cache);
    const generated = await first.ensureSigningKeys('entra-saml');
    expect(remembered.get('entra-saml')).toBe(generated.current.privateKeyPem);
    await first.ensureNextSigningKey('entra-saml');
    expect([...remembered.keys()]).toEqual(['entra-saml']);

    const restarted = new TenantState('demo');
    restarted.useKeyCache(cache);
    const reused = restarted.signingKeys('entra-saml').current;
    expect(reused.privateKeyPem).toBe(generated.current.privateKeyPem);
    // A new certificate for the reused key, shaped like a new one (vendor lifetime, back-dated a day).
    expect(reused.fingerprint256).not.toBe(generated.current.fingerprint256);
    expect(reused.notAfter).toEqual(certificateEnd(reused.notBefore, { years: 3 }));
    expect(certificateMatchesKey(reused.certificatePem, reused.privateKeyPem)).toBe(true);

    restarted.reset();
    expect(restarted.signingKeys('entra-saml').current.privateKeyPem).not.toBe(generated.current.privateKeyPem);
    expect(remembered.get('entra-saml')).toBe(generated.current.privateKeyPem);
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
