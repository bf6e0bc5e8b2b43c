// What the personas send must be schema-valid SAML 2.0 as it is (saml-schema-protocol-2.0.xsd,
// via @authenio/samlify-xmllint-wasm — slow, so only here, never on the IdP's hot path).
import { validate } from '@authenio/samlify-xmllint-wasm';
import { describe, expect, it, vi } from 'vitest';
import { SAML_PERSONAS } from '../personas/index.ts';
import { mintSamlResponse } from './mint.ts';

const SP = { acs: 'http://127.0.0.1:4000/sso/acme/saml/acs', audience: 'http://127.0.0.1:4000/sso/acme' };

describe('schema validity of the happy path', () => {
  it.each(SAML_PERSONAS.map((p) => [p.id] as const))(
    '%s: SP-initiated and unsolicited responses validate against the SAML 2.0 schema',
    async (persona) => {
      for (const inResponseTo of ['_req-1', undefined]) {
        const minted = await mintSamlResponse({ persona, ...SP, email: 'bob.user@example.com', ...(inResponseTo ? { inResponseTo } : {}) });
        await expect(validate(minted.xml)).resolves.toBe(true);
        if (!inResponseTo) expect(minted.xml).not.toContain('InResponseTo');
      }
    },
  );

  it("the validator is not a rubber stamp: Auth0's signResponse quirk (Signature last) is schema-invalid", async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    const minted = await mintSamlResponse({
      persona: 'auth0-saml',
      ...SP,
      email: 'bob.user@example.com',
      fault: 'saml.auth0-response-signature-last',
    });
    await expect(validate(minted.xml)).rejects.toThrow('ERR_EXCEPTION_VALIDATE_XML');
    quiet.mockRestore();
    debug.mockRestore();
  });
});
