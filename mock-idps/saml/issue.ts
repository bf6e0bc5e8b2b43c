// The one pipeline that produces a SAML Response, used by the running IdP and by `mint`, so
// what is minted offline is exactly what the IdP sends.
import { encrypt } from 'xml-encryption';
import type { TestKeyPair } from '../../lib/index.ts';
import type { DirectoryUser, SamlPersona, TenantIds } from '../types.ts';
import type { AfterSigningContext, EffectContext, EncryptionChoice, SamlEffect, SigningKeyChoice } from './effects.ts';
import { NS, renderResponse, xmlDeclaration } from './render.ts';
import { childNs, parseXml, serializeXml, signResponse } from './sign.ts';
import { defaultResponseSpec, type ResponseSpec, type SpTarget } from './spec.ts';

export interface KeyChooser {
  readonly current: TestKeyPair;
  choose(choice: SigningKeyChoice): TestKeyPair;
  readonly attacker: () => TestKeyPair;
  /** Certificate (PEM) to encrypt for. */
  encryptionCertificate(choice: EncryptionChoice): string;
}

export interface IssueInput {
  readonly persona: SamlPersona;
  readonly ids: TenantIds;
  readonly user: DirectoryUser;
  readonly sp: SpTarget;
  readonly inResponseTo?: string;
  readonly now: Date;
  readonly keys: KeyChooser;
  readonly effects: readonly SamlEffect[];
  readonly victimEmail: string;
}

export interface IssuedResponse {
  /** The exact XML posted (UTF-8). */
  readonly xml: string;
  /** base64 of `xml`: the SAMLResponse form field. */
  readonly samlResponse: string;
  /** Certificate of the key that signed (what the SP must trust for this response to verify). */
  readonly certificatePem: string;
  readonly spec: Readonly<ResponseSpec>;
}

export async function issueSamlResponse(input: IssueInput): Promise<IssuedResponse> {
  const { persona, effects } = input;
  const ctx: EffectContext = { persona, ids: input.ids, user: input.user, sp: input.sp, now: input.now, victimEmail: input.victimEmail };
  const spec = defaultResponseSpec({
    persona,
    ids: input.ids,
    user: input.user,
    sp: input.sp,
    now: input.now,
    ...(input.inResponseTo ? { inResponseTo: input.inResponseTo } : {}),
  });
  for (const effect of effects) effect.adjust?.(spec, ctx);

  let xml = renderResponse(persona, spec);
  for (const effect of effects) if (effect.beforeSigning) xml = effect.beforeSigning(xml, ctx);

  const keyChoice = effects.find((e) => e.signingKey)?.signingKey;
  const key = keyChoice ? input.keys.choose(keyChoice) : input.keys.current;
  const encryption = effects.find((e) => e.encryptAssertion)?.encryptAssertion;
  const byPart = effects.find((e) => e.signingByPart)?.signingByPart;
  const signOptions = { key, algorithm: spec.signing.algorithm, digest: spec.signing.digest, wire: persona.wire };
  const scope = spec.signing.scope;
  const signsAssertion = scope === 'assertion' || scope === 'both';
  const signsResponse = scope === 'response' || scope === 'both';
  if (encryption || byPart) {
    // Part by part, the vendors' order: sign the assertion, (encrypt it,) then sign the response.
    const part = (which: 'assertion' | 'response'): typeof signOptions => {
      const own = byPart?.[which];
      return {
        ...signOptions,
        ...(own?.key ? { key: input.keys.choose(own.key) } : {}),
        ...(own?.algorithm ? { algorithm: own.algorithm } : {}),
        ...(own?.digest ? { digest: own.digest } : {}),
      };
    };
    if (signsAssertion) {
      xml = signResponse(xml, 'assertion', part('assertion'));
      if (byPart?.assertion?.signatureValue === 'corrupt') xml = corruptSignatureValue(xml, 'assertion');
    }
    if (encryption) xml = await encryptAssertion(xml, persona, input.keys.encryptionCertificate(encryption));
    if (signsResponse) {
      xml = signResponse(xml, 'response', part('response'));
      if (byPart?.response?.signatureValue === 'corrupt') xml = corruptSignatureValue(xml, 'response');
    }
  } else {
    xml = signResponse(xml, scope, signOptions);
  }
  xml = xmlDeclaration(persona) + xml;

  const after: AfterSigningContext = { ...ctx, signingKey: key, attackerKey: input.keys.attacker, spec };
  for (const effect of effects) if (effect.afterSigning) xml = effect.afterSigning(xml, after);
  return { xml, samlResponse: Buffer.from(xml, 'utf8').toString('base64'), certificatePem: key.certificatePem, spec };
}

/** Damage the SignatureValue of the Assertion's or the Response's own signature (its first base64 character changed). */
function corruptSignatureValue(xml: string, part: 'assertion' | 'response'): string {
  const doc = parseXml(xml);
  const root = doc.documentElement;
  if (!root) return xml;
  const owner = part === 'response' ? root : root.getElementsByTagNameNS(NS.assertion, 'Assertion').item(0);
  const signature = owner ? childNs(owner, NS.ds, 'Signature') : undefined;
  const value = signature ? childNs(signature, NS.ds, 'SignatureValue') : undefined;
  if (!value?.textContent) throw new Error(`corruptSignatureValue: the ${part} is not signed`);
  const text = value.textContent.trim();
  value.textContent = `${text.startsWith('A') ? 'B' : 'A'}${text.slice(1)}`;
  return serializeXml(doc);
}

async function encryptAssertion(xml: string, persona: SamlPersona, certificatePem: string): Promise<string> {
  const doc = parseXml(xml);
  const root = doc.documentElement;
  if (!root) return xml;
  const assertion = root.getElementsByTagNameNS(NS.assertion, 'Assertion').item(0);
  if (!assertion) return xml;
  const encrypted = await new Promise<string>((resolve, reject) => {
    encrypt(
      serializeXml(assertion),
      {
        rsa_pub: certificatePem,
        pem: certificatePem,
        encryptionAlgorithm: 'http://www.w3.org/2009/xmlenc11#aes256-gcm',
        keyEncryptionAlgorithm: 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p',
        disallowEncryptionWithInsecureAlgorithm: true,
        warnInsecureAlgorithm: false,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
  const prefix = persona.wire.assertionPrefix;
  const wrapper = parseXml(
    prefix
      ? `<${prefix}:EncryptedAssertion xmlns:${prefix}="${NS.assertion}">${encrypted}</${prefix}:EncryptedAssertion>`
      : `<EncryptedAssertion xmlns="${NS.assertion}">${encrypted}</EncryptedAssertion>`,
  ).documentElement;
  if (!wrapper) return xml;
  root.replaceChild(doc.importNode(wrapper, true), assertion);
  return serializeXml(doc);
}
