// reporting/'s door: the certification report and its writers, findings, annotations and test evidence, run settings, the secrets ledger
// and scan, shards, the report server.
export { ANNOTATION } from './annotations.ts';
export { decodeSamlResponse } from './evidence.ts';
export { fixFor } from './findings/catalogLookup.ts';
export { bySeverity, countBySeverity, finding, type Finding, type FindingDraft, type Owner, type Severity } from './findings/finding.ts';
export { buildCertificationReport, harnessVersion, type CertificationReport, type ReportFinding } from './report/certificationReport.ts';
export { serveReports } from './report/staticServer.ts';
export { runKind, writeCertificationReport } from './report/writers.ts';
export { RUN_ENV, SHARD_BLOB_ENV, runInfo } from './runEnv.ts';
export { ledgerDir, readSecrets, recordSecret } from './secrets/ledger.ts';
export { describeLeak, scanForSecrets } from './secrets/scan.ts';
export {
  ENTRY_POINTS,
  PROTOCOLS,
  SELECTION_ENV,
  SelectionError,
  VENDORS,
  parseList,
  selectionEnv,
  titleGrep,
  type Selection,
} from './selection.ts';
export { redactAndScanBlob } from './shards/blobSecrets.ts';
export {
  SHARD_MANIFEST_FORMAT,
  ShardSetError,
  checkShardSet,
  parseShard,
  readShardManifests,
  sha256File,
  shardBaseName,
  sourceDigest,
  writeShardManifest,
  type ShardManifest,
  type ShardPosition,
  type ShardRunIdentity,
  type ShardSet,
} from './shards/manifest.ts';
export { TestEvidence } from './testEvidence.ts';
