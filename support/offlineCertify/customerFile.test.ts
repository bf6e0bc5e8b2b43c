import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SupportInputError } from '../artefacts/errors.ts';
import { tempFolder, type TempFolder } from '../testing/configFiles.ts';
import { loadCustomerFile, parseCustomerFile } from './customerFile.ts';

let folder: TempFolder;
beforeAll(() => {
  folder = tempFolder();
  folder.write('metadata.xml', '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>');
  folder.write('seats.csv', 'name,email\nAlice,alice@contoso.com\n');
});
afterAll(() => folder.remove());

function problems(value: unknown): string {
  try {
    parseCustomerFile(value, `${folder.dir}/customer.json`);
  } catch (error) {
    expect(error).toBeInstanceOf(SupportInputError);
    return (error as Error).message;
  }
  throw new Error('expected the customer file to be refused');
}

const VALID = { vendor: 'okta', protocol: 'saml', idpMetadata: 'metadata.xml', spSettings: { idpEntityId: 'x' }, seats: 'seats.csv' };

describe('customer file validation', () => {
  it('reads a valid file, resolving relative paths and applying the SP defaults', () => {
    const file = parseCustomerFile(
      { ...VALID, spSettings: { ...VALID.spSettings, clientSecret: 'never-echo-me' } },
      `${folder.dir}/customer.json`,
    );
    expect(file.idpMetadata?.source).toBe('metadata.xml');
    expect(file.seats?.text).toContain('alice@contoso.com');
    expect(file.spSettings).toEqual({
      protocol: 'saml',
      idpEntityId: 'x',
      idpCertificates: [],
      requireSignedResponse: false,
      requireSignedAssertion: true,
      allowedClockSkewSeconds: 180,
      allowIdpInitiated: false,
    });
    expect(file.secrets).toEqual(['never-echo-me']);
  });

  it.each([
    [
      'an unknown vendor',
      { ...VALID, vendor: 'azure' },
      '- vendor: must be one of "entra", "okta", "google", "auth0", "other", not "azure".',
    ],
    ['no protocol', { ...VALID, protocol: undefined }, '- protocol: must be one of "saml", "oidc", not missing.'],
    [
      'SAML without metadata',
      { ...VALID, idpMetadata: undefined },
      '- idpMetadata: is required for SAML: the IdP metadata XML inline, or a path to the .xml file downloaded from the IdP console.',
    ],
    ['OIDC without discovery', { ...VALID, protocol: 'oidc', idpMetadata: undefined }, '- discovery: is required for OIDC'],
    [
      'a missing file',
      { ...VALID, seats: 'nope.csv' },
      '- seats: names the file "nope.csv", which does not exist (paths are relative to the customer file\'s folder',
    ],
    [
      'a bad skew',
      { ...VALID, spSettings: { allowedClockSkewSeconds: 3600 } },
      '- spSettings.allowedClockSkewSeconds: must be a whole number of seconds from 0 to 600, not number 3600.',
    ],
    [
      'a relative SP URL',
      { ...VALID, sp: { acsUrl: '/sso/42/saml/acs' } },
      '- sp.acsUrl: must be an absolute URL (https://…), not "/sso/42/saml/acs".',
    ],
    ['a wrong format version', { ...VALID, formatVersion: 2 }, '- formatVersion: must be 1 (this harness reads format version 1), not 2.'],
    ['spSettings as a string', { ...VALID, spSettings: 'x' }, '- spSettings: must be a JSON object, not "x".'],
  ])('names the field and what to write for %s', (_what, value, message) => {
    expect(problems(value)).toContain(message);
  });

  it('reports every problem at once', () => {
    const message = problems({ vendor: 'azure', protocol: 'ldap', spSettings: 3 });
    expect(message.split('\n').filter((line) => line.startsWith('- '))).toHaveLength(3);
    expect(message).toContain('See support/offlineCertify/README.md');
  });

  it('refuses a file that is not JSON without quoting its content', () => {
    const path = folder.write('broken.json', '{"spSettings": {"clientSecret": "SECRET-IN-BROKEN-FILE"');
    expect(() => loadCustomerFile(path)).toThrow(/is not valid JSON \(JSON syntax error at line 1, column 56\)/);
    try {
      loadCustomerFile(path);
    } catch (error) {
      expect((error as Error).message).not.toContain('SECRET-IN-BROKEN-FILE');
    }
  });
});
