import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestKeyPair } from '../../lib/index.ts';
import { SupportInputError } from '../artefacts/errors.ts';
import { idpMetadataXml, tempFolder, type TempFolder } from '../testing/configFiles.ts';
import { scenarioFromCustomerFile } from './fromFile.ts';

const OKTA_ISSUER = 'http://www.okta.com/exk1a2b3c4d5e6f7g8h9';
const SSO_URL = 'https://contoso.okta.com/app/contoso_oe/exk1a2b3c4d5e6f7g8h9/sso/saml';
const SP = { entityId: 'https://oe.example.com/sso/42/saml/metadata', acsUrl: 'https://oe.example.com/sso/42/saml/acs' };

let folder: TempFolder;

beforeAll(() => {
  folder = tempFolder('sso-harness-repro-');
  const signing = generateTestKeyPair({ commonName: 'okta.example', lifetimeDays: 3650 });
  folder.write('okta-metadata.xml', idpMetadataXml(OKTA_ISSUER, [signing.certificateBase64], SSO_URL));
  folder.write('seats.csv', 'name,email,role\nAlice,alice@contoso.com,admin\nBob,bob@contoso.com,user\nBob again,BOB@contoso.com,user\n');
});
afterAll(() => folder.remove());

const customer = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  formatVersion: 1,
  customer: 'Contoso (account 42)',
  vendor: 'okta',
  protocol: 'saml',
  idpMetadata: 'okta-metadata.xml',
  sp: SP,
  spSettings: {
    idpEntityId: 'https://www.okta.com/exk1a2b3c4d5e6f7g8h9',
    idpSsoUrl: SSO_URL,
    idpCertificates: [],
    requireSignedAssertion: true,
    allowedClockSkewSeconds: 240,
    emailAttribute: 'email',
  },
  idpApp: { spEntityId: SP.entityId, acsUrls: [SP.acsUrl], signingAlgorithm: 'rsa-sha1' },
  seats: 'seats.csv',
  ssoDomains: ['contoso.com'],
  ...overrides,
});

describe('repro --from <customer file>', () => {
  it("applies the customer's SP settings and switches on each catalog fault the offline check finds", async () => {
    const path = folder.write('contoso.json', customer());
    const repro = await scenarioFromCustomerFile(path, join(folder.dir, 'out'));
    expect(repro.scenario).toMatchObject({ id: 'customer-contoso', kind: 'customer', persona: 'okta-saml' });
    expect(repro.scenario.faults).toEqual(expect.arrayContaining(['saml.issuer-mismatch', 'saml.sha1-signature']));
    expect(repro.scenario.breaks[0]).toEqual({
      at: 'sp',
      settings: {
        requireSignedResponse: false,
        requireSignedAssertion: true,
        allowIdpInitiated: false,
        allowedClockSkewSeconds: 240,
        emailAttribute: 'email',
      },
    });
    expect(repro.scenario.breaks.slice(1)).toEqual(repro.scenario.faults.map((fault) => ({ at: 'idp', fault })));
    expect(repro.scenario.fixes).toEqual([
      { at: 'idp', resetFaults: true },
      { at: 'sp', preset: true },
    ]);
    expect(repro.domain).toBe('contoso.com');
    expect(repro.notReproduced.some((line) => line.startsWith('seat.duplicate-email') && line.includes('seat list finding'))).toBe(true);
    expect(existsSync(repro.offlineReport)).toBe(true);
    expect(repro.offlineReport).toBe(join(folder.dir, 'out', 'customer-contoso', 'offline-check', 'certification.md'));
  });

  it("takes the OIDC hosted domain as the directory domain, so the customer's hd check lines up", async () => {
    folder.write('discovery.json', {
      issuer: 'https://accounts.google.com',
      authorization_endpoint: 'https://accounts.google.com/o/oauth2/v2/auth',
      token_endpoint: 'https://oauth2.googleapis.com/token',
      jwks_uri: 'https://www.googleapis.com/oauth2/v3/certs',
      response_types_supported: ['code'],
      id_token_signing_alg_values_supported: ['RS256'],
    });
    const path = folder.write('fabrikam.json', {
      vendor: 'google',
      protocol: 'oidc',
      discovery: 'discovery.json',
      spSettings: { issuer: 'https://accounts.google.com', clientId: 'abc.apps.googleusercontent.com', hostedDomain: 'Fabrikam.example' },
    });
    const repro = await scenarioFromCustomerFile(path, join(folder.dir, 'out'));
    expect(repro.scenario.persona).toBe('google-oidc');
    expect(repro.domain).toBe('fabrikam.example');
    expect(repro.scenario.breaks[0]).toEqual({
      at: 'sp',
      settings: { scopes: 'openid email profile', allowedClockSkewSeconds: 180, hostedDomain: 'Fabrikam.example' },
    });
  });

  it.each([
    [{ vendor: 'other' }, 'set "vendor" to "entra", "okta", "google" or "auth0"'],
    [{ protocol: 'ws-fed' }, 'protocol'],
  ])('refuses a customer file it cannot stand up (%j)', async (overrides, message) => {
    const path = folder.write('unusable.json', customer(overrides));
    const refused = scenarioFromCustomerFile(path, join(folder.dir, 'out'));
    await expect(refused).rejects.toThrow(SupportInputError);
    await expect(refused).rejects.toThrow(message);
  });
});
