// Cross-check with what the mock IdPs really send: every persona's happy path is recognised as
// that persona with nothing blocking, and minted faults are named by their own catalog id.
import { afterAll, describe, expect, it } from 'vitest';
import { getFault, type FaultId, mintIdToken, SAML_PERSONAS, OIDC_PERSONAS, mintSamlResponse } from '../../mock-idps/index.ts';
import { TenantState } from '../../mock-idps/testing/index.ts';
import { tempFolder } from '../testing/configFiles.ts';
import { explainArtefact } from './explain.ts';

const ACS = 'https://oe.example.com/sso/42/saml/acs';
const AUDIENCE = 'https://oe.example.com/sso/42/saml/metadata';
const EMAIL = 'alice@contoso.com';

/** Faults whose minted artefact explain must name by the same id. */
const SAML_FAULTS: readonly FaultId[] = [
  'saml.audience-mismatch',
  'saml.acs-mismatch',
  'saml.recipient-mismatch',
  'saml.issuer-mismatch',
  'saml.cert-rotated',
  'saml.wrong-cert-pasted',
  'saml.sha1-signature',
  'saml.sha1-digest',
  'saml.missing-conditions',
  'saml.multiple-assertions',
  'saml.comment-injection-nameid',
  'saml.xxe-doctype',
  'saml.xslt-transform',
  'saml.digest-mismatch',
  'saml.clock-skew-future-beyond',
  'saml.clock-skew-past-beyond',
  'saml.expired-assertion',
  'saml.not-yet-valid',
  'saml.status-authn-failed',
  'saml.email-missing',
  'saml.encrypted-assertion-unexpected',
  'saml.oversize-response',
  'saml.deep-nesting',
  'saml.xsw1',
  'saml.xsw2',
  'saml.xsw3',
  'saml.xsw4',
  'saml.xsw5',
  'saml.xsw6',
  'saml.xsw7',
  'saml.xsw8',
];
const OIDC_FAULTS: readonly FaultId[] = [
  'oidc.alg-none',
  'oidc.aud-invalid',
  'oidc.exp-passed',
  'oidc.sub-missing',
  'oidc.iat-missing',
  'oidc.nonce-missing',
  'oidc.email-unverified',
  'oidc.iss-invalid',
];

describe.each(SAML_PERSONAS.map((persona) => [persona.id, persona] as const))('explain on minted %s responses', (_id, persona) => {
  const tenant = new TenantState(`explain-${persona.id}`, 'contoso.com');
  const folder = tempFolder();
  afterAll(() => folder.remove());

  async function explainMinted(fault?: string) {
    const happy = await mintSamlResponse({ persona: persona.id, acs: ACS, audience: AUDIENCE, email: EMAIL, tenant });
    const minted = fault
      ? await mintSamlResponse({ persona: persona.id, acs: ACS, audience: AUDIENCE, email: EMAIL, inResponseTo: '_req42', fault, tenant })
      : happy;
    const issuer = /<(?:\w+:)?Issuer[^>]*>([^<]+)</.exec(happy.xml)![1]!;
    const config = folder.write(`${fault ?? 'happy'}.json`, {
      protocol: 'saml',
      vendor: persona.vendor,
      idpEntityId: issuer,
      idpCertificates: [happy.certificatePem],
      requireSignedResponse: false,
      requireSignedAssertion: false,
      allowedClockSkewSeconds: 120,
      allowIdpInitiated: true,
      sp: { entityId: AUDIENCE, acsUrl: ACS },
    });
    return (await explainArtefact(minted.samlResponse, { configPath: config, at: new Date() })).report;
  }

  it('recognises the persona and finds nothing blocking on the happy path', async () => {
    const report = await explainMinted();
    expect(report.looksLike).toMatchObject({ persona: persona.id, confidence: 'strong' });
    expect(report.findings.filter((item) => item.severity !== 'info')).toEqual([]);
  });

  it.each(SAML_FAULTS.filter((id) => getFault(id)?.personas.includes(persona.id)))('names %s', async (fault) => {
    const report = await explainMinted(fault);
    expect(report.findings.map((item) => item.faultId)).toContain(fault);
  });
});

describe.each(OIDC_PERSONAS.map((persona) => [persona.id, persona] as const))('explain on minted %s ID tokens', (_id, persona) => {
  const tenant = new TenantState(`explain-${persona.id}`, 'contoso.com');
  const folder = tempFolder();
  afterAll(() => folder.remove());

  async function explainMinted(fault?: string) {
    const minted = await mintIdToken({
      persona: persona.id,
      clientId: 'client-42',
      email: EMAIL,
      nonce: 'n-42',
      tenant,
      ...(fault ? { fault } : {}),
    });
    const happy = await mintIdToken({ persona: persona.id, clientId: 'client-42', email: EMAIL, nonce: 'n-42', tenant });
    const settings = folder.write(`${fault ?? 'happy'}.json`, {
      protocol: 'oidc',
      vendor: persona.vendor,
      issuer: happy.issuer,
      clientId: 'client-42',
      emailClaim: persona.vendor === 'entra' ? 'preferred_username' : 'email',
      allowedClockSkewSeconds: 120,
    });
    const jwks = folder.write(`${fault ?? 'happy'}-jwks.json`, happy.jwks);
    return {
      settings: (await explainArtefact(minted.idToken, { configPath: settings, at: new Date() })).report,
      jwks: (await explainArtefact(minted.idToken, { configPath: jwks, at: new Date() })).report,
    };
  }

  it('recognises the persona and finds nothing blocking on the happy path', async () => {
    const { settings, jwks } = await explainMinted();
    expect(settings.looksLike).toMatchObject({ persona: persona.id });
    expect(settings.findings.filter((item) => item.severity === 'blocking')).toEqual([]);
    expect(jwks.findings.find((item) => item.check === 'oidc.signature')?.severity).toBe('info');
  });

  it.each(OIDC_FAULTS.filter((id) => getFault(id)?.personas.includes(persona.id)))('names %s', async (fault) => {
    const { settings } = await explainMinted(fault);
    expect(settings.findings.map((item) => item.faultId)).toContain(fault);
  });
});
