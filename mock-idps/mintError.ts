// Why `sso-harness mint` (and the minting the suites use) cannot mint what was asked, for SAML
// responses and ID tokens alike: one error, one set of codes (the control API's words where they
// meet: unknown-persona, unknown-fault).
import { CodedError } from '../lib/index.ts';

export type MintErrorCode =
  'unknown-persona' | 'unknown-fault' | 'fault-not-for-persona' | 'fault-not-mintable' | 'bad-option' | 'client-secret-required';

export class MintError extends CodedError<MintErrorCode> {}
