// `repro --from <customer file>`: a specific customer's case, from the offline-certify customer file
// (support/offlineCertify/README.md). Their IdP is not reachable (and must not be contacted), so
// the mock persona of their vendor and protocol stands in for it: the account gets the customer's
// own SP settings (signed parts, clock skew, IdP-initiated, email attribute / claim, scopes, hosted
// domain), and each misconfiguration the offline check finds in their documents is switched on at
// the mock IdP as the catalog fault it names. The fix goes back to the vendor as shipped and the
// vendor preset's SP settings.
import { basename, extname, join } from 'node:path';
import { appliesTo, getFault, getSamlFault, isFaultId, type FaultId, PERSONAS } from '../../mock-idps/index.ts';
import type { PersonaId } from '../../mock-idps/index.ts';
import { SupportInputError } from '../artefacts/errors.ts';
import { loadCustomerFile, type CustomerFile } from '../offlineCertify/customerFile.ts';
import { certifyCustomerFile } from '../offlineCertify/run.ts';
import { OFFLINE_CHECK_DIR } from './evidence.ts';
import type { ReproScenario, SpSettingsPatch } from './scenarios.ts';
import { DEFAULT_REPRO_DOMAIN } from './stage.ts';

export interface CustomerRepro {
  readonly scenario: ReproScenario;
  /** The mock IdP directory's domain: the customer's, so their hosted domain and seat domains line up. */
  readonly domain: string;
  /** Offline findings with a catalog fault that cannot be reproduced live, each with why. */
  readonly notReproduced: readonly string[];
  /** The offline check's report (certification.md) for this file. */
  readonly offlineReport: string;
}

export async function scenarioFromCustomerFile(path: string, outDir: string): Promise<CustomerRepro> {
  const file = loadCustomerFile(path);
  if (file.vendor === 'other') {
    throw new SupportInputError(
      'customer-file-invalid',
      `The customer file ${path} has "vendor": "other": repro stands the customer's IdP up as one of the mock vendors, so set "vendor" to "entra", "okta", "google" or "auth0".`,
    );
  }
  const personaId: PersonaId = `${file.vendor}-${file.protocol}`;
  const persona = PERSONAS[personaId];
  const id = `customer-${
    basename(path, extname(path))
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'file'
  }`;
  const { report, paths } = await certifyCustomerFile({ configPath: path, json: false, out: join(outDir, id, OFFLINE_CHECK_DIR) });
  const faults: FaultId[] = [];
  const notReproduced: string[] = [];
  for (const finding of report.findings) {
    const { faultId } = finding;
    if (finding.severity === 'info' || faultId === undefined) continue;
    if (!isFaultId(faultId)) {
      notReproduced.push(`${faultId} (${finding.title}): not in the fault catalog`);
      continue;
    }
    if (faults.includes(faultId)) continue;
    const why = whyNotLive(faultId, persona.id);
    if (why) notReproduced.push(`${faultId} (${finding.title}): ${why}`);
    else faults.push(faultId);
  }
  const settings = spSettingsOf(file);
  return {
    scenario: {
      id,
      kind: 'customer',
      title: `${file.customer ?? basename(path)}: their SP settings, and ${faults.length === 0 ? 'no misconfiguration the offline check can name' : `what the offline check finds (${faults.join(', ')})`}`,
      persona: persona.id,
      faults,
      breaks: [{ at: 'sp', settings }, ...faults.map((fault) => ({ at: 'idp' as const, fault }))],
      fixes: [
        { at: 'idp', resetFaults: true },
        { at: 'sp', preset: true },
      ],
      fixTitle: `Apply the fixes of the offline check's findings (${paths.md}): the IdP app as the vendor ships it, and the ${persona.displayName} preset's SP settings in the IdP and SSO section.`,
    },
    domain: domainOf(file),
    notReproduced,
    offlineReport: paths.md,
  };
}

/** Why a catalog fault found offline cannot be switched on at the mock IdP for this persona. */
function whyNotLive(faultId: FaultId, persona: PersonaId): string | undefined {
  const fault = getFault(faultId);
  if (fault.protocol === 'seat')
    return "a seat list finding: fix the seat emails (see the offline report); the live login uses the harness's own seats";
  if (!appliesTo(faultId, persona)) return `does not apply to ${persona}`;
  const flow = getSamlFault(faultId)?.flow;
  if (flow && flow !== 'sp-initiated') return 'needs an IdP-initiated login: use the scenario saml-idp-initiated-not-allowed';
  return undefined;
}

function spSettingsOf(file: CustomerFile): SpSettingsPatch {
  const settings = file.spSettings;
  if (settings.protocol === 'saml') {
    return {
      requireSignedResponse: settings.requireSignedResponse,
      requireSignedAssertion: settings.requireSignedAssertion,
      allowIdpInitiated: settings.allowIdpInitiated,
      allowedClockSkewSeconds: settings.allowedClockSkewSeconds,
      ...(settings.emailAttribute === undefined ? {} : { emailAttribute: settings.emailAttribute }),
    };
  }
  return {
    scopes: settings.scopes,
    allowedClockSkewSeconds: settings.allowedClockSkewSeconds,
    ...(settings.emailClaim === undefined ? {} : { emailClaim: settings.emailClaim }),
    ...(settings.hostedDomain === undefined ? {} : { hostedDomain: settings.hostedDomain }),
  };
}

function domainOf(file: CustomerFile): string {
  const hostedDomain = file.spSettings.protocol === 'oidc' ? file.spSettings.hostedDomain : undefined;
  return (hostedDomain ?? file.ssoDomains[0] ?? DEFAULT_REPRO_DOMAIN).toLowerCase();
}
