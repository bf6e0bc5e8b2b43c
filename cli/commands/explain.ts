// `sso-harness explain <file|->`: diagnose a captured SAMLResponse, ID token or HAR file.
import { readFileSync } from 'node:fs';
import { parseCommandArgs, runCommand, UsageError } from '../args.ts';
import { SupportInputError, explainArtefact, renderExplainText } from '../../support/index.ts';

export const help = `Usage: sso-harness explain <file|-> [--config <file>] [--at <ISO time>] [--json]

Diagnoses a captured SSO artefact offline and prints, in plain words, what the SP (the OE portal)
will do with it, why, and the fix in the vendor's console. Nothing is sent anywhere.

The file (or standard input with "-") may hold:
  - a SAMLResponse: base64 (as posted), the URL-encoded form body (SAMLResponse=…&RelayState=…),
    or the decoded XML;
  - an ID token (compact JWT), a token endpoint JSON response, or a callback URL with id_token;
  - a HAR file saved from the browser DevTools (Network → "Save all as HAR"): the last SAML POST
    to the ACS, ID token, or IdP error inside it is explained.

Options:
  --config <file>  what the account expects: the SP settings JSON (as exported from the IdP and
                   SSO section, with "sp": { "entityId", "acsUrl", "oidcRedirectUri" }), a
                   customer file (see support/offlineCertify/README.md), the IdP metadata XML,
                   an OIDC discovery document, or the IdP's JWKS (to verify ID token signatures).
  --at <time>      when the artefact was captured (ISO 8601, e.g. 2026-03-02T09:15:00Z).
                   Default: the HAR entry's time, else now.
  --json           print the report as JSON (schemaVersion 1; type ExplainReport in
                   support/explain/report.ts) for tools.

Exit codes: 0 = no blocking finding, 1 = the SP refuses this login (blocking findings),
            2 = the input is not a SAMLResponse / JWT / HAR, or a bad option.

Secrets are never printed: signature values, cookies, Authorization headers, client secrets,
passwords, codes and tokens are removed from all output.

Examples:
  sso-harness explain customer.har --config account-42-sp-settings.json
  sso-harness explain samlresponse.txt --config idp-metadata.xml --at 2026-03-02T09:15:00Z
  pbpaste | sso-harness explain - --json
  sso-harness explain id_token.jwt --config discovery.json
`;

export async function run(args: string[]): Promise<number> {
  return runCommand(async () => {
    const { values, positionals } = parseCommandArgs(
      'explain',
      args,
      {
        config: { type: 'string' },
        at: { type: 'string' },
        json: { type: 'boolean' },
      },
      true,
    );
    if (positionals.length !== 1) {
      throw new UsageError(
        `sso-harness explain: give exactly one file to explain (or "-" for standard input), not ${positionals.length}. See \`sso-harness explain --help\`.`,
      );
    }
    const at = values.at === undefined ? undefined : parseAt(values.at);
    const input = readInput(positionals[0]!);
    try {
      const { report, scrub } = await explainArtefact(input, {
        ...(values.config !== undefined ? { configPath: values.config } : {}),
        ...(at ? { at } : {}),
      });
      process.stdout.write(scrub(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderExplainText(report)));
      return report.counts.blocking > 0 ? 1 : 0;
    } catch (error) {
      if (error instanceof SupportInputError) throw new UsageError(`sso-harness explain: ${error.message}`);
      throw error;
    }
  });
}

function parseAt(value: string): Date {
  const at = new Date(value);
  if (Number.isNaN(at.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(value)) {
    throw new UsageError(`sso-harness explain: --at must be an ISO 8601 time such as 2026-03-02T09:15:00Z, not "${value}".`);
  }
  return at;
}

/** The bytes: explain reads them as UTF-8 or UTF-16 and refuses binary data with what it looks like. */
function readInput(path: string): Buffer {
  try {
    return readFileSync(path === '-' ? 0 : path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'it does not exist'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'EACCES'
            ? 'permission denied'
            : (error as Error).message;
    throw new UsageError(`sso-harness explain: cannot read ${path === '-' ? 'standard input' : path}: ${why}.`);
  }
}
