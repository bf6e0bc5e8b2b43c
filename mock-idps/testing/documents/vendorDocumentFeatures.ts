// The feature ledger of the vendors' documents (vendors.md "Documents: IdP metadata, OIDC
// discovery, JWKS"), every feature with its check or the reason it is not modelled, and how a set
// of served documents scores against it: per vendor, features listed, matched, not modelled, and
// matched / listed (a not-modelled feature counts as not matched). The acceptance
// criterion is at least 95% per vendor (vendorDocumentFeatures.test.ts).
import type { Vendor } from '../../types.ts';
import { DISCOVERY_FEATURES } from './discoveryFeatures.ts';
import type { AnyDocumentFeature, CheckResult, DocumentKind, DocumentOf, Served } from './featureLedger.ts';
import { JWKS_FEATURES } from './jwksFeatures.ts';
import { METADATA_FEATURES } from './metadataFeatures.ts';

export const VENDOR_DOCUMENT_FEATURES: readonly AnyDocumentFeature[] = [...METADATA_FEATURES, ...DISCOVERY_FEATURES, ...JWKS_FEATURES];

/** One vendor's three documents as served, each with the URL it came from. */
export type VendorDocuments = { readonly [K in DocumentKind]: { readonly doc: DocumentOf[K]; readonly served: Served } };

export interface FeatureOutcome {
  readonly feature: AnyDocumentFeature;
  /** The check's answer; undefined when the feature has no check. */
  readonly result: CheckResult | undefined;
}

/** Run a feature's check on its document; a check that throws reports what it threw. */
export function runCheck(feature: AnyDocumentFeature, documents: VendorDocuments): CheckResult | undefined {
  try {
    switch (feature.document) {
      case 'metadata':
        return feature.check?.(documents.metadata.doc, documents.metadata.served);
      case 'discovery':
        return feature.check?.(documents.discovery.doc, documents.discovery.served);
      case 'jwks':
        return feature.check?.(documents.jwks.doc, documents.jwks.served);
    }
  } catch (error) {
    return `check threw: ${String(error)}`;
  }
}

export function outcomes(features: readonly AnyDocumentFeature[], documents: Readonly<Record<Vendor, VendorDocuments>>): FeatureOutcome[] {
  return features.map((feature) => ({ feature, result: runCheck(feature, documents[feature.vendor]) }));
}

export interface Score {
  readonly listed: number;
  readonly matched: number;
  readonly notModelled: number;
  /** matched / listed, in percent, one decimal. */
  readonly percent: number;
}

/** A feature matches when it is modelled and its check holds. */
export function score(results: readonly FeatureOutcome[]): Score {
  const listed = results.length;
  const matched = results.filter(({ feature, result }) => feature.notModelled === undefined && result === true).length;
  const notModelled = results.filter(({ feature }) => feature.notModelled !== undefined).length;
  return { listed, matched, notModelled, percent: listed === 0 ? 0 : Math.round((matched / listed) * 1000) / 10 };
}
