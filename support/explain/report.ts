// The `sso-harness explain --json` document (schemaVersion 1). Tools may rely on every field
// named here; new optional fields may be added, nothing is removed or renamed without a new
// schemaVersion. Secrets never appear: no signature values, no cookies, no client secrets.
import type { PersonaId, Vendor } from '../../mock-idps/index.ts';
import type { ArtefactSource } from '../artefacts/detect.ts';
import type { Finding, Severity } from '../../reporting/index.ts';

export type ExplainVerdict = 'refused' | 'accepted-with-warnings' | 'no-problem-found';

export interface CertificateSummary {
  readonly fingerprint256: string;
  readonly subject: string;
  readonly notBefore: string;
  readonly notAfter: string;
}

export interface SamlSummary {
  readonly protocol: 'saml';
  readonly responseId?: string;
  readonly issueInstant?: string;
  readonly issuer?: string;
  readonly destination?: string;
  readonly inResponseTo?: string;
  readonly relayState?: string;
  readonly status: { readonly code?: string; readonly subCode?: string; readonly message?: string };
  readonly assertions: ReadonlyArray<{
    readonly id?: string;
    readonly issuer?: string;
    readonly nameId?: { readonly value: string; readonly format?: string };
    readonly audiences: readonly string[];
    readonly recipients: readonly string[];
    readonly notBefore?: string;
    readonly notOnOrAfter?: string;
    readonly authnContextClassRef?: string;
    readonly sessionIndex?: string;
    readonly attributes: ReadonlyArray<{ readonly name: string; readonly values: readonly string[] }>;
  }>;
  readonly encryptedAssertions: number;
  readonly signatures: ReadonlyArray<{
    readonly signs: string;
    readonly placedIn: string;
    readonly algorithm: string;
    readonly digest: readonly string[];
    readonly keyInfoCertificate?: CertificateSummary;
  }>;
}

export interface OidcSummary {
  readonly protocol: 'oidc';
  /** Decoded header and claims; the signature part is never included. */
  readonly header: Readonly<Record<string, unknown>>;
  readonly claims: Readonly<Record<string, unknown>>;
}

export interface IdpErrorSummary {
  readonly protocol: 'oidc';
  readonly error: string;
  readonly description?: string;
  readonly url: string;
}

export interface ExplainReport {
  readonly schemaVersion: 1;
  readonly artefact: {
    readonly kind: 'saml-response' | 'id-token' | 'idp-error';
    readonly source: ArtefactSource;
    /** The HAR entry it was taken from (1-based, as DevTools lists them). */
    readonly har?: { readonly entry: number; readonly url: string; readonly how: string };
    readonly notes: readonly string[];
  };
  readonly capturedAt: string;
  readonly capturedAtFrom: 'option' | 'har' | 'now';
  /** What --config was read as; absent without --config. */
  readonly config?: string;
  readonly looksLike: {
    readonly persona?: PersonaId;
    readonly vendor?: Vendor;
    readonly displayName?: string;
    readonly confidence: 'strong' | 'likely' | 'unknown';
    readonly score: number;
    readonly matched: readonly string[];
    readonly differs: readonly string[];
  };
  readonly verdict: ExplainVerdict;
  readonly counts: Readonly<Record<Severity, number>>;
  readonly facts: SamlSummary | OidcSummary | IdpErrorSummary;
  /** Blocking first, then warnings, then info. */
  readonly findings: readonly Finding[];
}
