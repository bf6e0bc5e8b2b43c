// `sso-harness personas`: the eight vendor × protocol personas, from their one home in
// mock-idps/personas (the data, with sources, is what `--json` prints).
import { PERSONAS, PERSONA_IDS } from '../../mock-idps/index.ts';
import { parseCommandArgs, runCommand } from '../args.ts';
import { renderTable } from '../table.ts';

export const help = `Usage: sso-harness personas [--json]

List the mock IdP personas (vendor × protocol) and their shapes: entity ID / issuer template,
signing, NameID, login flow. --json prints the full persona data, including the source of each fact.

Examples:
  sso-harness personas
  sso-harness personas --json | jq '.[] | select(.id == "okta-saml") | .wire'
`;

export async function run(args: string[]): Promise<number> {
  return runCommand(() => {
    const { values } = parseCommandArgs('personas', args, { json: { type: 'boolean' } });
    const personas = PERSONA_IDS.map((id) => PERSONAS[id]);
    if (values.json) {
      // Regular expressions (realIssuers) as their source text, not {}.
      process.stdout.write(`${JSON.stringify(personas, (_key, value: unknown) => (value instanceof RegExp ? value.source : value), 2)}\n`);
      return Promise.resolve(0);
    }
    const rows = personas.map((p) =>
      p.protocol === 'saml'
        ? [
            p.id,
            p.displayName,
            p.entityIdTemplate,
            `${p.signing.scope} ${p.signing.algorithm}`,
            p.nameId.format.split(':').pop() ?? '',
            p.loginFlow,
          ]
        : [p.id, p.displayName, `{base}${p.issuerPathTemplate}`, p.idToken.signingAlgorithm, '-', p.loginFlow],
    );
    process.stdout.write(renderTable(['PERSONA', 'NAME', 'ENTITY ID / ISSUER', 'SIGNING', 'NAMEID', 'LOGIN'], rows));
    return Promise.resolve(0);
  });
}
