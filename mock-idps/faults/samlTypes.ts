// Shape of a SAML catalog entry: the shared FaultDefinition plus the effect the engine applies,
// the SP settings the conformance test configures, and the one SP check a single-check fault
// violates (relaxing it, and nothing else, makes a correct SP accept: see saml.proofs.test.ts).
import type { SamlEffect } from '../saml/effects.ts';
import type { FaultDefinition } from '../types.ts';

/** A check a correct SAML SP performs, named once for faults, proofs and reports. */
export type SpCheck =
  | 'size'
  | 'doctype'
  | 'status'
  | 'signature-scope'
  | 'single-assertion'
  | 'weak-algorithm'
  | 'signature-trust'
  | 'issuer'
  | 'audience'
  | 'destination'
  | 'recipient'
  | 'time-window'
  | 'conditions-present'
  | 'in-response-to'
  | 'unsolicited'
  | 'replay'
  | 'encryption';

/** SP-side settings for the test (unset = the vendor preset: sign where the vendor signs). */
export interface SpExpectations {
  readonly requireSignedResponse?: boolean;
  readonly requireSignedAssertion?: boolean;
  readonly allowIdpInitiated?: boolean;
  /** The account's SSO stays configured but turned off (support turned it off; the IdP's app tile still sends logins). */
  readonly ssoOff?: true;
}

/**
 * How the test drives the login. `sp-initiated` (default): the SP sends an AuthnRequest.
 * `idp-initiated`: the user starts at the IdP. `idp-initiated-replay`: an unsolicited response
 * is delivered twice.
 */
export type SamlFlow = 'sp-initiated' | 'idp-initiated' | 'idp-initiated-replay';

export interface SamlFault<Id extends string = string> extends FaultDefinition<Id> {
  readonly protocol: 'saml';
  readonly effect: SamlEffect;
  readonly sp?: SpExpectations;
  readonly flow?: SamlFlow;
  /** Present when the fault is a single-check violation: the check a relaxed SP skips. */
  readonly singleCheck?: SpCheck;
}

/** The entries as written, each one's id kept as its literal type (catalog.ts builds FaultId from them). */
export const samlFaultList = <Id extends string>(faults: readonly SamlFault<Id>[]): readonly SamlFault<Id>[] => faults;
