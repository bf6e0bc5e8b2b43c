// `sso-harness mint saml|oidc`: the artefact a persona would send, produced offline by the same
// code the running IdP uses — for support reproductions and for other test suites.
import { MintError, mintIdToken, mintSamlResponse, SAML_PERSONAS } from '../../mock-idps/index.ts';
import { UsageError, parseCommandArgs, runCommand } from '../args.ts';

export const help = `Usage:
  sso-harness mint saml --persona P --acs URL --audience ID --email E [--fault F] [--in-response-to ID] [--json]
  sso-harness mint oidc --persona P --client-id C --email E [--nonce N] [--fault F] [--client-secret S] [--json]

Mint a SAMLResponse or an ID token exactly as the persona would send it (same templates, same
signing, same fault seams), without starting a server. Keys are generated for the run; the
certificate / JWKS to trust is printed with the artefact.

  saml  prints { "samlResponse": base64, "xml": …, "certificatePem": … } with --json
  oidc  prints { "idToken": …, "issuer": …, "jwks": … } with --json

Personas: ${SAML_PERSONAS.map((p) => p.id).join(', ')} (saml); entra-oidc, okta-oidc, google-oidc, auth0-oidc (oidc).
Faults: \`sso-harness faults --protocol saml\` / \`--protocol oidc\`.

Examples:
  sso-harness mint saml --persona entra-saml --acs http://127.0.0.1:8080/sso/1/saml/acs \\
      --audience http://127.0.0.1:8080/sso/1 --email bob.user@example.com --fault saml.xsw3 --json
  sso-harness mint oidc --persona auth0-oidc --client-id abc123 --email bob.user@example.com --nonce n-1 --json
`;

async function mintSaml(args: string[]): Promise<number> {
  const { values } = parseCommandArgs('mint saml', args, {
    persona: { type: 'string' },
    acs: { type: 'string' },
    audience: { type: 'string' },
    email: { type: 'string' },
    fault: { type: 'string' },
    'in-response-to': { type: 'string' },
    json: { type: 'boolean' },
  });
  const missing = (['persona', 'acs', 'audience', 'email'] as const).filter((name) => !values[name]);
  if (missing.length > 0)
    throw new UsageError(`sso-harness mint saml: missing ${missing.map((m) => `--${m}`).join(', ')}. See \`sso-harness mint --help\`.`);
  try {
    const minted = await mintSamlResponse({
      persona: values.persona!,
      acs: values.acs!,
      audience: values.audience!,
      email: values.email!,
      ...(values.fault ? { fault: values.fault } : {}),
      ...(values['in-response-to'] ? { inResponseTo: values['in-response-to'] } : {}),
    });
    const out = {
      samlResponse: minted.samlResponse,
      xml: minted.xml,
      certificatePem: minted.certificatePem,
      ...(minted.relayState !== undefined ? { relayState: minted.relayState } : {}),
    };
    process.stdout.write(
      values.json
        ? `${JSON.stringify(out, null, 2)}\n`
        : `# SAMLResponse (base64, the form field posted to ${values.acs})\n${out.samlResponse}\n\n# Decoded XML\n${out.xml}\n\n# Certificate the SP must trust\n${out.certificatePem}`,
    );
    return 0;
  } catch (error) {
    if (error instanceof MintError) throw new UsageError(`sso-harness mint saml: ${error.message}`);
    throw error;
  }
}

async function mintOidc(args: string[]): Promise<number> {
  const { values } = parseCommandArgs('mint oidc', args, {
    persona: { type: 'string' },
    'client-id': { type: 'string' },
    email: { type: 'string' },
    nonce: { type: 'string' },
    fault: { type: 'string' },
    'client-secret': { type: 'string' },
    json: { type: 'boolean' },
  });
  const missing = (['persona', 'client-id', 'email'] as const).filter((name) => !values[name]);
  if (missing.length > 0)
    throw new UsageError(`sso-harness mint oidc: missing ${missing.map((m) => `--${m}`).join(', ')}. See \`sso-harness mint --help\`.`);
  try {
    const minted = await mintIdToken({
      persona: values.persona! as Parameters<typeof mintIdToken>[0]['persona'],
      clientId: values['client-id']!,
      email: values.email!,
      ...(values.nonce ? { nonce: values.nonce } : {}),
      ...(values.fault ? { fault: values.fault } : {}),
      ...(values['client-secret'] ? { clientSecret: values['client-secret'] } : {}),
    });
    process.stdout.write(
      values.json
        ? `${JSON.stringify(minted, null, 2)}\n`
        : `# ID token\n${minted.idToken}\n\n# Issuer\n${minted.issuer}\n\n# JWKS\n${JSON.stringify(minted.jwks, null, 2)}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof MintError) throw new UsageError(`sso-harness mint oidc: ${error.message}`);
    throw error;
  }
}

export async function run(args: string[]): Promise<number> {
  return runCommand(async () => {
    const [kind, ...rest] = args;
    if (kind === 'saml') return mintSaml(rest);
    if (kind === 'oidc') return mintOidc(rest);
    throw new UsageError(
      `sso-harness mint: say what to mint first: \`mint saml …\` or \`mint oidc …\`${kind ? `, not "${kind}"` : ''}. See \`sso-harness mint --help\`.`,
    );
  });
}
