import { afterEach, describe, expect, it } from 'vitest';
import { startIdpServer, type IdpServer } from '../../mock-idps/index.ts';
import { UsageError } from '../args.ts';
import { describeServer, parsePersonaList } from './idpServe.ts';

let server: IdpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('idp serve', () => {
  it('parses --personas and names the valid ones when one is wrong', () => {
    expect(parsePersonaList('entra-saml, okta-oidc')).toEqual(['entra-saml', 'okta-oidc']);
    expect(parsePersonaList(undefined)).toBeUndefined();
    expect(() => parsePersonaList('entra-saml,ping-saml')).toThrow(UsageError);
    expect(() => parsePersonaList('entra-saml,ping-saml')).toThrow(
      'unknown persona(s) "ping-saml". Valid personas: entra-saml, entra-oidc',
    );
    expect(() => parsePersonaList(',')).toThrow('is empty');
  });

  it("prints the demo tenant's issuer and metadata URLs and the control URL, only for the personas served", async () => {
    server = await startIdpServer({ personas: ['entra-saml', 'auth0-oidc'] });
    const text = describeServer(server);
    const demo = server.tenants.get('demo')!;
    expect(text).toContain(`Mock IdPs listening on ${server.url} (2 personas)`);
    expect(text).toContain(`entity ID     https://sts.windows.net/${demo.ids.tid}/`);
    expect(text).toContain(`metadata      ${server.url}/entra/${demo.ids.tid}/federationmetadata/2007-06/federationmetadata.xml`);
    expect(text).toContain(`issuer        ${server.url}/auth0/${demo.ids.tenant}/`);
    expect(text).toContain(`Control API: ${server.url}/_control/`);
    expect(text).not.toContain('okta-saml');
    const okta = await fetch(`${server.url}/okta/${demo.ids.org}/app/x/y/sso/saml`);
    expect(okta.status).toBe(404);
    expect(await okta.text()).toContain('served here (none)');
  });
});
