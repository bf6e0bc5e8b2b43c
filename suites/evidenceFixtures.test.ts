import { describe, expect, it } from 'vitest';
import type { IdpControlClient } from '../mock-idps/index.ts';
import { recordingClientSecrets, tenantRecordingSecrets, withSeatPasswordsRecorded } from './evidenceFixtures.ts';

/** Shaped like IdpControlClient, with a private field as it has: methods must run on the real object. */
class FakeClient {
  readonly key = 'tenant-1';
  #registered = 0;
  get registered(): number {
    return this.#registered;
  }
  async registerOidcApp(
    _persona: string,
    app: { redirectUris: string[]; clientSecret?: string },
  ): Promise<{ clientId: string; clientSecret: string }> {
    this.#registered += 1;
    return Promise.resolve({ clientId: 'client-1', clientSecret: app.clientSecret ?? 'generated-secret-123' });
  }
  count(): number {
    return this.#registered;
  }
}

describe('recordingClientSecrets', () => {
  it('records the secret given and the secret the IdP generated, and leaves the client working', async () => {
    const fake = new FakeClient();
    const recorded: Array<string | undefined> = [];
    const idp = recordingClientSecrets(fake as unknown as IdpControlClient, (secret) => recorded.push(secret));
    await idp.registerOidcApp('okta-oidc', { redirectUris: ['https://app/cb'] });
    await idp.registerOidcApp('okta-oidc', { redirectUris: ['https://app/cb'], clientSecret: 'chosen-secret-456' });
    expect(recorded).toEqual([undefined, 'generated-secret-123', 'chosen-secret-456', 'chosen-secret-456']);
    const proxied = idp as unknown as FakeClient;
    expect([proxied.key, proxied.registered, proxied.count()]).toEqual(['tenant-1', 2, 2]);
  });
});

describe("a second customer's secrets (tenantRecordingSecrets, withSeatPasswordsRecorded)", () => {
  it("go to the running test's evidence as the fixtures' own do", async () => {
    const recorded: Array<[string, string | null | undefined]> = [];
    const evidence = { record: (kind: string, value: string | null | undefined) => void recorded.push([kind, value]) };
    const idp = tenantRecordingSecrets(evidence, new FakeClient() as unknown as IdpControlClient);
    await idp.registerOidcApp('okta-oidc', { redirectUris: ['https://app/cb'] });
    const account = { admin: { password: 'admin-password-B' }, user: { password: 'user-password-B' } };
    expect(withSeatPasswordsRecorded(evidence, account)).toBe(account);
    expect(recorded).toEqual([
      ['client-secret', undefined],
      ['client-secret', 'generated-secret-123'],
      ['password', 'admin-password-B'],
      ['password', 'user-password-B'],
    ]);
  });
});
