// Plain-text rendering of an explain report for a support engineer's terminal: verdict first,
// then each finding with symptom and fix, then the decoded artefact (secrets already removed).
import type { Finding } from '../../reporting/index.ts';
import type { ExplainReport, SamlSummary } from './report.ts';

const KIND_WORDS: Readonly<Record<ExplainReport['artefact']['kind'], string>> = {
  'saml-response': 'SAMLResponse',
  'id-token': 'ID token (JWT)',
  'idp-error': 'IdP error sent back to the redirect URI',
};

const VERDICT_WORDS: Readonly<Record<ExplainReport['verdict'], string>> = {
  refused: 'the SP refuses this login',
  'accepted-with-warnings': 'the SP accepts this login, with warnings',
  'no-problem-found': 'no problem found',
};

export function renderExplainText(report: ExplainReport): string {
  const lines: string[] = [];
  const where = report.artefact.har
    ? ` from the HAR: entry ${report.artefact.har.entry}, ${report.artefact.har.how}`
    : ` (${report.artefact.source})`;
  lines.push(`${KIND_WORDS[report.artefact.kind]}${where}`);
  for (const note of report.artefact.notes) lines.push(`  ${note}`);
  const atFrom = { option: 'given with --at', har: 'time of the HAR entry; --at overrides', now: 'now; pass --at with the capture time' }[
    report.capturedAtFrom
  ];
  lines.push(`Captured at ${report.capturedAt} (${atFrom})`);
  lines.push(
    report.config
      ? `Compared with: ${report.config}`
      : "Not compared with the account's configuration: pass --config (SP settings JSON, IdP metadata XML or discovery JSON).",
  );
  const like = report.looksLike;
  lines.push(
    like.displayName
      ? `Looks like: ${like.displayName} [${like.persona}], ${like.confidence} match (${Math.round(like.score * 100)}% of its shape)`
      : like.vendor
        ? `Looks like: ${like.vendor}`
        : 'Looks like: no known vendor shape',
  );
  if (like.displayName && like.differs.length > 0) lines.push(`  differs from that vendor's default: ${like.differs.join('; ')}`);
  lines.push('');
  const { blocking, warning, info } = report.counts;
  lines.push(`VERDICT: ${VERDICT_WORDS[report.verdict]} (${blocking} blocking, ${warning} warning, ${info} info).`);
  lines.push('');
  for (const item of report.findings) lines.push(...renderFinding(item));
  lines.push('Decoded (signatures and secrets removed):');
  lines.push(...renderFacts(report).map((line) => `  ${line}`));
  return `${lines.join('\n')}\n`;
}

function renderFinding(item: Finding): string[] {
  const label = item.severity.toUpperCase().padEnd(9);
  const pad = ' '.repeat(10);
  const lines = [`${label} ${item.title}${item.faultId ? `  [${item.faultId}]` : ''}`, `${pad}${item.detail}`];
  if (item.severity !== 'info') {
    if (item.customerSees) lines.push(`${pad}Customer sees: ${item.customerSees}`);
    if (item.fix) lines.push(`${pad}Fix: ${item.fix}`);
    if (item.reason) lines.push(`${pad}SP reason code: ${item.reason}`);
  }
  lines.push('');
  return lines;
}

function renderFacts(report: ExplainReport): string[] {
  const facts = report.facts;
  if ('error' in facts)
    return [`error=${facts.error}${facts.description ? ` error_description="${facts.description}"` : ''} at ${facts.url}`];
  if (facts.protocol === 'oidc')
    return [
      `header: ${JSON.stringify(facts.header)}`,
      'claims:',
      ...JSON.stringify(facts.claims, null, 2)
        .split('\n')
        .map((line) => `  ${line}`),
    ];
  return renderSaml(facts);
}

function renderSaml(facts: SamlSummary): string[] {
  const lines = [
    `Response ${facts.responseId ?? '(no ID)'} issued ${facts.issueInstant ?? '(no IssueInstant)'}`,
    `  Issuer: ${facts.issuer ?? '(none)'}`,
    `  Destination: ${facts.destination ?? '(none)'}`,
    `  InResponseTo: ${facts.inResponseTo ?? '(none: IdP-initiated)'}`,
    `  Status: ${facts.status.code ?? '(none)'}${facts.status.subCode ? ` / ${facts.status.subCode}` : ''}${facts.status.message ? ` "${facts.status.message}"` : ''}`,
  ];
  if (facts.relayState !== undefined) lines.push(`  RelayState: ${facts.relayState}`);
  for (const assertion of facts.assertions) {
    lines.push(`Assertion ${assertion.id ?? '(no ID)'}`);
    lines.push(`  NameID: ${assertion.nameId ? `${assertion.nameId.value} (${assertion.nameId.format ?? 'no Format'})` : '(none)'}`);
    lines.push(`  Audience: ${assertion.audiences.join(', ') || '(none)'}`);
    lines.push(`  Recipient: ${assertion.recipients.join(', ') || '(none)'}`);
    lines.push(`  Valid: ${assertion.notBefore ?? '?'} → ${assertion.notOnOrAfter ?? '?'}`);
    lines.push(
      `  AuthnContextClassRef: ${assertion.authnContextClassRef ?? '(none)'}; SessionIndex: ${assertion.sessionIndex ?? '(none)'}`,
    );
    for (const attribute of assertion.attributes) lines.push(`  ${attribute.name} = ${attribute.values.join(', ')}`);
  }
  if (facts.encryptedAssertions > 0) lines.push(`EncryptedAssertion × ${facts.encryptedAssertions} (not readable without the SP key)`);
  for (const signature of facts.signatures) {
    const certificate = signature.keyInfoCertificate;
    lines.push(
      `Signature over the ${signature.signs} (placed in the ${signature.placedIn}): ${signature.algorithm}, digest ${signature.digest.join('/')}${certificate ? `; KeyInfo certificate SHA-256 ${certificate.fingerprint256}, ${certificate.subject}, valid to ${certificate.notAfter}` : '; no KeyInfo certificate'}`,
    );
  }
  return lines;
}
