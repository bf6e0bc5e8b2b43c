// What every explain check receives: the decoded artefact, what the account expects (when
// --config was given), the capture time and the allowed clock skew.
import type { OidcPersona, SamlPersona } from '../../mock-idps/index.ts';
import type { ExpectedSettings } from '../artefacts/config.ts';
import type { JwtFacts } from '../artefacts/jwt.ts';
import type { SamlResponseFacts } from '../artefacts/samlResponse.ts';

/** Used when no --config says otherwise; the portal's own default for new accounts. */
export const DEFAULT_SKEW_SECONDS = 180;

interface CommonContext {
  readonly expected?: ExpectedSettings;
  readonly at: Date;
  readonly skewSeconds: number;
  /** False when the skew is the default, not the account's setting. */
  readonly skewFromConfig: boolean;
}

export interface SamlContext extends CommonContext {
  readonly facts: SamlResponseFacts;
  /** The RelayState posted with it (form body or HAR). */
  readonly relayState?: string;
  /** The persona it looks like (vendor defaults for email attributes, validity). */
  readonly persona?: SamlPersona;
}

export interface OidcContext extends CommonContext {
  readonly jwt: JwtFacts;
  readonly persona?: OidcPersona;
}

export function skewOf(expected: ExpectedSettings | undefined): { skewSeconds: number; skewFromConfig: boolean } {
  const configured = expected?.allowedClockSkewSeconds;
  return configured === undefined
    ? { skewSeconds: DEFAULT_SKEW_SECONDS, skewFromConfig: false }
    : { skewSeconds: configured, skewFromConfig: true };
}
