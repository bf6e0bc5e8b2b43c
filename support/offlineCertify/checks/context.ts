// What each offline check reads: the validated customer file and the documents it points at,
// parsed once; the check time; the vendor whose console the fixes refer to.
import type { Vendor } from '../../../mock-idps/index.ts';
import type { CertificateInfo } from '../../artefacts/certificates.ts';
import type { DiscoveryFacts } from '../../artefacts/discovery.ts';
import type { IdpMetadataFacts } from '../../artefacts/idpMetadata.ts';
import { finding, type FindingDraft } from '../../../reporting/index.ts';
import type { ReportFinding } from '../../../reporting/index.ts';
import type { CustomerFile } from '../customerFile.ts';

export interface OfflineContext {
  readonly file: CustomerFile;
  readonly metadata?: IdpMetadataFacts;
  readonly discovery?: DiscoveryFacts;
  /** Certificates pasted in the SP settings (spSettings.idpCertificates). */
  readonly configured: readonly CertificateInfo[];
  readonly at: Date;
  readonly vendor?: Vendor;
}

/** A finding of one report area; the fix is the one for the customer's vendor. */
export function reportFinding(area: string, draft: FindingDraft, ctx: { readonly vendor?: Vendor }): ReportFinding {
  return { area, ...finding(draft, ctx.vendor) };
}

/** "a, b, c and 4 more" — keeps a finding about many seats readable. */
export function listSome(values: readonly string[], max = 10): string {
  if (values.length <= max) return values.join(', ');
  return `${values.slice(0, max).join(', ')} and ${values.length - max} more`;
}
