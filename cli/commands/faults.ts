// `sso-harness faults`: the fault catalog (mock-idps/faults/catalog.ts), filterable.
import { catalogAsData, FAULT_CATALOG, isPersonaId, PERSONA_IDS } from '../../mock-idps/index.ts';
import { UsageError, parseCommandArgs, runCommand } from '../args.ts';
import { renderTable } from '../table.ts';

export const help = `Usage: sso-harness faults [--protocol saml|oidc|seat] [--persona P] [--category misconfig|attack|quirk] [--json]

List the fault catalog: every misconfiguration and attack the mock IdPs can produce, with the
outcome a correct SP must reach and the reason it gives. --json prints every field, including
what the customer sees and the fix per vendor.

Examples:
  sso-harness faults --protocol saml --category attack
  sso-harness faults --persona entra-oidc --json
`;

const PROTOCOLS = ['saml', 'oidc', 'seat'];
const CATEGORIES = ['misconfig', 'attack', 'quirk'];

export async function run(args: string[]): Promise<number> {
  return runCommand(() => {
    const { values } = parseCommandArgs('faults', args, {
      json: { type: 'boolean' },
      protocol: { type: 'string' },
      persona: { type: 'string' },
      category: { type: 'string' },
    });
    if (values.protocol && !PROTOCOLS.includes(values.protocol))
      throw new UsageError(`sso-harness faults: --protocol must be one of ${PROTOCOLS.join(', ')}, not "${values.protocol}".`);
    if (values.category && !CATEGORIES.includes(values.category))
      throw new UsageError(`sso-harness faults: --category must be one of ${CATEGORIES.join(', ')}, not "${values.category}".`);
    if (values.persona && !isPersonaId(values.persona))
      throw new UsageError(`sso-harness faults: --persona must be one of ${PERSONA_IDS.join(', ')}, not "${values.persona}".`);
    const faults = FAULT_CATALOG.filter(
      (f) =>
        (!values.protocol || f.protocol === values.protocol) &&
        (!values.category || f.category === values.category) &&
        (!values.persona || (f.personas as readonly string[]).includes(values.persona)),
    );
    if (values.json) {
      process.stdout.write(`${JSON.stringify(catalogAsData(faults), null, 2)}\n`);
      return Promise.resolve(0);
    }
    const rows = faults.map((f) => [
      f.id,
      f.category,
      f.expected,
      f.reason ?? '-',
      f.personas.length === PERSONA_IDS.length ? 'all' : f.personas.join(','),
      f.title,
    ]);
    process.stdout.write(renderTable(['FAULT', 'CATEGORY', 'EXPECTED', 'REASON', 'PERSONAS', 'TITLE'], rows));
    process.stdout.write(`${faults.length} of ${FAULT_CATALOG.length} faults.\n`);
    return Promise.resolve(0);
  });
}
