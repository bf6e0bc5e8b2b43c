// `sso-harness certify --config <customer file>`: the offline pre-enable check. Reads the
// customer file and what it points at, never the network; runs the checks; writes
// reports/certification.{json,md,html}; prints the verdict. Exit 0 = certified, 1 = not
// certified, 2 = the customer file cannot be used (the message says why).
import { relative } from 'node:path';
import type { Vendor } from '../../mock-idps/index.ts';
import { readCertificate } from '../artefacts/certificates.ts';
import { readDiscovery, type DiscoveryFacts } from '../artefacts/discovery.ts';
import { SupportInputError, jsonSyntaxProblem } from '../artefacts/errors.ts';
import { readIdpMetadata, type IdpMetadataFacts } from '../artefacts/idpMetadata.ts';
import { SecretScrubber } from '../../lib/index.ts';
import {
  buildCertificationReport,
  harnessVersion,
  type CertificationReport,
  type ReportFinding,
  writeCertificationReport,
} from '../../reporting/index.ts';
import { alignmentChecks } from './checks/alignment.ts';
import { certificateChecks } from './checks/certificates.ts';
import { reportFinding, type OfflineContext } from './checks/context.ts';
import { idpDocumentChecks } from './checks/idpDocument.ts';
import { readIdpUsers, readSeats, seatChecks } from './checks/seats.ts';
import { loadCustomerFile } from './customerFile.ts';

export interface OfflineCertifyArgs {
  readonly configPath: string;
  readonly json: boolean;
  /** Folder for certification.{json,md,html}. */
  readonly out: string;
  /** Check time (certificate expiry, metadata validUntil); default now. */
  readonly now?: Date;
}

export async function runOfflineCertify(args: OfflineCertifyArgs): Promise<number> {
  let result: { report: CertificationReport; paths: { json: string; md: string; html: string } };
  try {
    result = await certifyCustomerFile(args);
  } catch (error) {
    if (!(error instanceof SupportInputError)) throw error;
    process.stderr.write(`sso-harness certify --config: ${error.message}\n`);
    return 2;
  }
  const { report, paths } = result;
  process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : renderSummary(report, paths));
  return report.verdict === 'certified' ? 0 : 1;
}

/** Run the offline checks and write the report files; throws SupportInputError for unusable input. */
export async function certifyCustomerFile(
  args: OfflineCertifyArgs,
): Promise<{ report: CertificationReport; paths: { json: string; md: string; html: string } }> {
  const startedAt = new Date();
  const at = args.now ?? startedAt;
  const file = loadCustomerFile(args.configPath);
  const scrubber = new SecretScrubber();
  for (const secret of file.secrets) scrubber.add(secret);
  const findings: ReportFinding[] = [];
  const vendor: Vendor | undefined = file.vendor === 'other' ? undefined : file.vendor;
  const base = { file, at, ...(vendor ? { vendor } : {}) };
  const metadata = readOrReport(
    () => (file.idpMetadata ? readIdpMetadata(file.idpMetadata.text, `idpMetadata (${file.idpMetadata.source})`) : undefined),
    'metadata',
    'The IdP metadata cannot be read',
    base,
    findings,
  );
  const discovery = readOrReport(
    () => (file.discovery ? readDiscoveryText(file.discovery.text, file.discovery.source) : undefined),
    'metadata',
    'The discovery document cannot be read',
    base,
    findings,
  );
  const configured =
    file.spSettings.protocol === 'saml'
      ? file.spSettings.idpCertificates.flatMap(
          (text, index) =>
            readOrReport(
              () => [readCertificate(text, `spSettings.idpCertificates[${index}]`)],
              'certificate',
              'A certificate in the SP settings cannot be read',
              base,
              findings,
            ) ?? [],
        )
      : [];
  const ctx: OfflineContext = { ...base, configured, ...optionalFacts(metadata, discovery) };
  findings.push(...idpDocumentChecks(ctx), ...certificateChecks(ctx), ...alignmentChecks(ctx));
  if (file.seats) {
    const seats = readOrReport(
      () => readSeats(file.seats!.text, file.seats!.source),
      'seats',
      'The seat list cannot be read',
      ctx,
      findings,
    );
    const idpUsers = file.idpUsers
      ? readOrReport(
          () => readIdpUsers(file.idpUsers!.text, file.idpUsers!.source),
          'seats',
          'The IdP user export cannot be read',
          ctx,
          findings,
        )
      : undefined;
    if (seats) findings.push(...seatChecks(ctx, seats, idpUsers));
  } else {
    findings.push(
      reportFinding(
        'seats',
        {
          check: 'seats.missing',
          severity: 'warning',
          title: 'No seat list: the seat email audit was not run',
          detail:
            'Add "seats": "<file>.csv" (the account\'s seat export) to check that every seat has a unique, valid email aligned with the IdP.',
        },
        ctx,
      ),
    );
  }
  const report = buildCertificationReport({
    run: {
      harnessVersion: harnessVersion(),
      mode: 'offline',
      target: `customer file ${relative(process.cwd(), file.path) || file.path}`,
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      command: `sso-harness certify --config ${args.configPath}`,
    },
    subject: { ...(file.customer ? { customer: file.customer } : {}), vendor: file.vendor, protocol: file.protocol },
    // Everything this check finds is in the customer's own files: their admin fixes it.
    findings: findings.map((item) => ({ owner: 'customer' as const, ...item })),
  });
  const scrubbed = JSON.parse(scrubber.scrub(JSON.stringify(report))) as CertificationReport;
  const paths = await writeCertificationReport(scrubbed, args.out);
  return { report: scrubbed, paths };
}

function optionalFacts(
  metadata: IdpMetadataFacts | undefined,
  discovery: DiscoveryFacts | undefined,
): { metadata?: IdpMetadataFacts; discovery?: DiscoveryFacts } {
  return { ...(metadata ? { metadata } : {}), ...(discovery ? { discovery } : {}) };
}

function readDiscoveryText(text: string, source: string): DiscoveryFacts {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SupportInputError('config-invalid', `The discovery document (${source}) is not valid JSON (${jsonSyntaxProblem(error)}).`);
  }
  return readDiscovery(value, `The discovery document (${source})`);
}

/** A document that cannot be read is a blocking finding of its area, not a crash. */
function readOrReport<T>(
  read: () => T,
  area: string,
  title: string,
  ctx: { readonly vendor?: Vendor },
  findings: ReportFinding[],
): T | undefined {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof SupportInputError)) throw error;
    findings.push(reportFinding(area, { check: `${area}.unreadable`, severity: 'blocking', title, detail: error.message }, ctx));
    return undefined;
  }
}

function renderSummary(report: CertificationReport, paths: { json: string; md: string; html: string }): string {
  const s = report.summary;
  const lines = [
    `${report.verdict === 'certified' ? 'CERTIFIED' : 'NOT CERTIFIED'}: ${s.blocking} blocking, ${s.warning} warning, ${s.info} info finding(s).`,
    '',
  ];
  for (const item of report.findings.filter((finding) => finding.severity !== 'info')) {
    lines.push(`${item.severity.toUpperCase().padEnd(8)} [${item.area}] ${item.title}${item.faultId ? `  [${item.faultId}]` : ''}`);
    lines.push(`         ${item.detail}`);
    if (item.fix) lines.push(`         Fix: ${item.fix}`);
    lines.push('');
  }
  lines.push(`Reports: ${paths.json}, ${paths.md}, ${paths.html}`);
  return `${lines.join('\n')}\n`;
}
