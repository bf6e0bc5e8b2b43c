// What a repro run leaves for support and the customer in reports/repro/<scenario>/: screenshots,
// the decoded artefacts (SAMLResponse XML, ID token header and claims, the OIDC redirect), the
// explain diagnosis of each, and the account's SP settings in explain's --config format. Every
// text written goes through the scrubber: no password, client secret, code or signature value.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { getFault, mintIdToken } from '../../mock-idps/index.ts';
import type { OidcFault, OidcPersona } from '../../mock-idps/index.ts';
import { readArtefact } from '../artefacts/detect.ts';
import { SecretScrubber } from '../../lib/index.ts';
import { explainArtefact } from '../explain/explain.ts';
import { renderExplainText } from '../explain/render.ts';
import type { LoginAttempt } from './browser.ts';
import { REPRO_TENANT_KEY, type ReproStage } from './stage.ts';

export type AttemptLabel = 'before' | 'after';

export interface EvidenceFolder {
  readonly dir: string;
  /** Files written so far, relative to `dir`, in order. */
  readonly files: string[];
  readonly scrub: (text: string) => string;
  writeText(name: string, text: string): string;
  writeBinary(name: string, data: Buffer): string;
}

/** Sub-folder of a customer repro with the offline check's report (written before the run starts). */
export const OFFLINE_CHECK_DIR = 'offline-check';

/** A fresh folder for this scenario's evidence: the previous run's files are removed (the offline check is kept). */
export function evidenceFolder(dir: string, secrets: readonly string[]): EvidenceFolder {
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(dir)) {
    if (entry !== OFFLINE_CHECK_DIR) rmSync(join(dir, entry), { recursive: true, force: true });
  }
  const scrubber = new SecretScrubber();
  for (const secret of secrets) scrubber.add(secret);
  const files: string[] = [];
  const scrub = (text: string): string => scrubber.scrub(text);
  return {
    dir,
    files,
    scrub,
    writeText(name, text) {
      writeFileSync(join(dir, name), scrub(text));
      if (!files.includes(name)) files.push(name);
      return name;
    },
    writeBinary(name, data) {
      writeFileSync(join(dir, name), data);
      if (!files.includes(name)) files.push(name);
      return name;
    },
  };
}

/** A URL as it may be written down: the authorization code is a credential and is removed. */
export function scrubUrl(url: string): string {
  return url.replace(/([?&#]code=)[^&#\s]+/g, '$1[removed]');
}

/** The account's SP settings at each attempt, in explain's --config format (the broken state is the customer's). */
export const SP_SETTINGS_FILES: Readonly<Record<AttemptLabel, string>> = {
  before: 'sp-settings.json',
  after: 'sp-settings-after-fix.json',
};

export function writeSpSettings(folder: EvidenceFolder, label: AttemptLabel, stage: ReproStage): string {
  return folder.writeText(SP_SETTINGS_FILES[label], `${JSON.stringify(stage.spSettings(), null, 2)}\n`);
}

/** Screenshot, decoded artefacts and their diagnosis for one login attempt; returns the explain verdict when there was an artefact. */
export async function writeAttemptEvidence(
  folder: EvidenceFolder,
  label: AttemptLabel,
  attempt: LoginAttempt,
  stage: ReproStage,
): Promise<{ explained?: string }> {
  folder.writeBinary(`${label}.png`, attempt.screenshot);
  const config = join(folder.dir, writeSpSettings(folder, label, stage));
  if (attempt.idpRequestUrl) writeIdpRequest(folder, label, attempt.idpRequestUrl);
  if (attempt.samlResponse) {
    const decoded = readArtefact(attempt.samlResponse.value, new SecretScrubber()).artefact;
    if (decoded.kind === 'saml') folder.writeText(`${label}-saml-response.xml`, `${decoded.xml}\n`);
    return { explained: await writeExplain(folder, `${label}-saml-response`, attempt.samlResponse.value, config, attempt.samlResponse.at) };
  }
  if (attempt.callbackUrl) folder.writeText(`${label}-oidc-redirect.txt`, `${scrubUrl(attempt.callbackUrl)}\n`);
  if (label === 'before' && stage.persona.protocol === 'oidc' && attempt.outcome.kind === 'portal-refusal') {
    const token = await idTokenAsIssued(stage);
    if (token) {
      folder.writeText(
        `${label}-id-token.txt`,
        `# The ID token as the IdP issues it in this state (minted with the tenant's keys and the scenario's fault:\n# the real one travels from the IdP to the portal server to server, never through the browser).\n${token}\n`,
      );
      return { explained: await writeExplain(folder, `${label}-id-token`, token, config, new Date()) };
    }
  }
  return {};
}

/** What the portal asked the IdP for: the decoded AuthnRequest (SAML) or the authorization request's parameters (OIDC). */
function writeIdpRequest(folder: EvidenceFolder, label: AttemptLabel, url: string): void {
  const params = new URL(url).searchParams;
  const samlRequest = params.get('SAMLRequest');
  if (samlRequest) {
    let xml: string;
    try {
      xml = inflateRawSync(Buffer.from(samlRequest, 'base64')).toString('utf8');
    } catch {
      xml = Buffer.from(samlRequest, 'base64').toString('utf8');
    }
    folder.writeText(
      `${label}-authn-request.xml`,
      `<!-- The AuthnRequest the portal sent to ${url.split('?')[0]} (HTTP-Redirect binding, decoded) -->\n${xml}\n`,
    );
    return;
  }
  const lines = [...params.entries()].map(([name, value]) => `${name} = ${value}`);
  folder.writeText(
    `${label}-authorization-request.txt`,
    `The OIDC authorization request the portal sent to ${url.split('?')[0]}:\n${lines.join('\n')}\n`,
  );
}

async function writeExplain(folder: EvidenceFolder, name: string, artefact: string, configPath: string, at: Date): Promise<string> {
  const { report, scrub } = await explainArtefact(artefact, { configPath, at });
  folder.writeText(`${name}.explain.txt`, scrub(renderExplainText(report)));
  folder.writeText(`${name}.explain.json`, scrub(`${JSON.stringify(report, null, 2)}\n`));
  return report.verdict;
}

/** Seams whose effect is inside the ID token itself, so minting shows what the portal received. */
const TOKEN_SEAMS: readonly string[] = ['id-token', 'user-claims', 'clock'];

async function idTokenAsIssued(stage: ReproStage): Promise<string | undefined> {
  const tenant = stage.idpServer.tenants.get(REPRO_TENANT_KEY);
  const clientId = stage.oidcClientId();
  const fault = stage.scenario.faults.find((id) => TOKEN_SEAMS.includes((getFault(id) as OidcFault | undefined)?.effect.seam ?? ''));
  if (!tenant || !clientId || !fault) return undefined;
  // A nonce, as in every portal login: without one explain would (rightly) report a missing nonce.
  const minted = await mintIdToken({
    persona: stage.persona as OidcPersona,
    clientId,
    email: stage.user.email,
    fault,
    tenant,
    origin: stage.idpUrl,
    nonce: randomBytes(16).toString('base64url'),
  });
  return minted.idToken;
}
