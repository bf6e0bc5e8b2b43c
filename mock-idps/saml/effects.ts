// The typed seams through which a SAML fault shapes what the persona sends. A fault is a value
// (`SamlEffect`), never a fork of the engine: each field is one narrow seam, applied in order
// adjust → render → beforeSigning → sign (with `signingKey`) → encrypt → afterSigning.
import type { TestKeyPair } from '../../lib/index.ts';
import type { DirectoryUser, SamlPersona, SignatureAlgorithm, TenantIds } from '../types.ts';
import type { ResponseSpec, SpTarget } from './spec.ts';

export interface EffectContext {
  readonly persona: SamlPersona;
  readonly ids: TenantIds;
  readonly user: DirectoryUser;
  readonly sp: SpTarget;
  readonly now: Date;
  /** The identity an attacker wants to become (the tenant's admin): what XSW "evil" assertions carry. */
  readonly victimEmail: string;
}

export interface AfterSigningContext extends EffectContext {
  /** The key that signed (an attacker forging a second signature uses `attackerKey`). */
  readonly signingKey: TestKeyPair;
  readonly attackerKey: () => TestKeyPair;
  readonly spec: Readonly<ResponseSpec>;
}

/**
 * Which key signs. `rotated`: the tenant's next key (the IdP rotated, the SP still trusts the
 * old certificate). `other-app`: another application's key (the SP was given the wrong
 * certificate). `attacker`: a self-signed attacker key, its certificate in KeyInfo.
 * `expired`: the current key, with a certificate past its NotAfter.
 */
export type SigningKeyChoice = 'rotated' | 'other-app' | 'attacker' | 'expired';

/**
 * How one part (Assertion or Response) is signed when the two differ: another algorithm or
 * digest, another key, or a SignatureValue that does not verify. Unset fields follow the
 * response's signing settings and `signingKey`.
 */
export interface PartSigning {
  readonly algorithm?: SignatureAlgorithm;
  readonly digest?: 'sha256' | 'sha1';
  readonly key?: SigningKeyChoice;
  /** `corrupt`: the part's SignatureValue is damaged right after signing (before the Response is signed over it). */
  readonly signatureValue?: 'corrupt';
}

/** Encrypt the assertion for the SP's registered encryption certificate, or for another one. */
export type EncryptionChoice = 'sp-certificate' | 'other-app';

export interface SamlEffect {
  /** Persona-setting override: change the response's data before it is written as XML. */
  readonly adjust?: (spec: ResponseSpec, ctx: EffectContext) => void;
  /** Mutate the unsigned XML (the change is covered by the signature). */
  readonly beforeSigning?: (xml: string, ctx: EffectContext) => string;
  readonly signingKey?: SigningKeyChoice;
  /** Sign the Assertion and the Response each its own way (signature combinations). */
  readonly signingByPart?: { readonly assertion?: PartSigning; readonly response?: PartSigning };
  readonly encryptAssertion?: EncryptionChoice;
  /** Mutate the signed XML (what an attacker or a broken proxy does in transit). */
  readonly afterSigning?: (xml: string, ctx: AfterSigningContext) => string;
  /** Change the RelayState the IdP posts back. */
  readonly relayState?: (relayState: string | undefined, ctx: EffectContext) => string | undefined;
  /** Send the previous response of this persona again, byte for byte (replay). */
  readonly replayPrevious?: boolean;
  /** The IdP refuses with its own error page instead of answering (nothing reaches the SP). */
  readonly refuse?: keyof SamlPersona['errors'];
}
