// `sso-harness idp serve`: every persona in one process on 127.0.0.1, with the demo tenant's
// URLs printed for copy-paste into the SP, and the control API for tests.
import { PortInUseError } from '../../lib/index.ts';
import {
  TEST_USER_PASSWORD,
  isPersonaId,
  vendorFacts,
  VENDORS,
  DEMO_TENANT_KEY,
  startIdpServer,
  type IdpServer,
  allPersonaUrls,
  PERSONA_IDS,
  type PersonaId,
} from '../../mock-idps/index.ts';
import { UsageError, parseCommandArgs, parsePort, runCommand } from '../args.ts';
import { untilStopSignal } from '../stopSignals.ts';

export const DEFAULT_IDP_PORT = 4100;

export const help = `Usage: sso-harness idp serve [--port N] [--personas LIST]

Start the mock identity providers (${VENDORS.map((vendor) => vendorFacts(vendor).productName).join(', ')}; SAML and
OIDC) in one process on 127.0.0.1. A "demo" tenant exists from the start; its issuer and
metadata URLs are printed, with the control API URL tests use. Stops on Ctrl-C.

Options:
  --port N          port to listen on (default ${DEFAULT_IDP_PORT}, the origin \`sso-harness mint\` assumes; 0 = a free port)
  --personas LIST   comma-separated personas to serve (default: all eight):
                    ${PERSONA_IDS.join(', ')}

Examples:
  sso-harness idp serve
  sso-harness idp serve --port 0 --personas entra-saml,okta-oidc
  curl -X PUT http://127.0.0.1:${DEFAULT_IDP_PORT}/_control/tenants/demo/apps/entra-saml \\
       -d '{"entityId":"http://127.0.0.1:8080/sso/1","acsUrls":["http://127.0.0.1:8080/sso/1/saml/acs"]}'
  curl -X POST http://127.0.0.1:${DEFAULT_IDP_PORT}/_control/tenants/demo/faults -d '{"id":"saml.audience-mismatch","once":true}'
`;

export function parsePersonaList(value: string | undefined): PersonaId[] | undefined {
  if (value === undefined) return undefined;
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !isPersonaId(name));
  if (names.length === 0 || unknown.length > 0) {
    throw new UsageError(
      `sso-harness idp serve: --personas ${unknown.length > 0 ? `has unknown persona(s) ${unknown.map((n) => `"${n}"`).join(', ')}` : 'is empty'}. Valid personas: ${PERSONA_IDS.join(', ')}.`,
    );
  }
  return names as PersonaId[];
}

export function describeServer(server: IdpServer): string {
  const demo = server.tenants.get(DEMO_TENANT_KEY)!;
  const urls = allPersonaUrls(demo.ids, server.url, server.personas);
  const lines = [`Mock IdPs listening on ${server.url} (${server.personas.length} personas)`, '', `Demo tenant "${DEMO_TENANT_KEY}":`];
  for (const id of server.personas) {
    const u = urls[id];
    if (!u) continue;
    if (u.protocol === 'saml') {
      lines.push(
        `  ${id}`,
        `    entity ID     ${u.entityId}`,
        `    metadata      ${u.metadataUrl}`,
        `    SSO URL       ${u.ssoUrl}`,
        `    IdP-initiated ${u.idpInitiatedUrl}`,
      );
    } else {
      lines.push(`  ${id}`, `    issuer        ${u.issuer}`, `    discovery     ${u.discoveryUrl}`);
    }
  }
  const users = demo.directory.list().map((user) => `${user.email} (${user.role})`);
  lines.push(
    '',
    `Directory users: ${users.join(', ')}`,
    `Test password of every directory user: ${TEST_USER_PASSWORD}`,
    '',
    `Control API: ${server.controlUrl}/  (GET it for the endpoint list)`,
    `Register your SP first: PUT ${server.controlUrl}/tenants/${DEMO_TENANT_KEY}/apps/<persona>`,
    '',
    'Press Ctrl-C to stop.',
    '',
  );
  return lines.join('\n');
}

export async function run(args: string[]): Promise<number> {
  return runCommand(async () => {
    const { values } = parseCommandArgs('idp serve', args, { port: { type: 'string' }, personas: { type: 'string' } });
    const port = parsePort('idp serve', values.port, DEFAULT_IDP_PORT);
    const personas = parsePersonaList(values.personas);
    // Listen for Ctrl-C before anything starts, so an early one still shuts down cleanly.
    const stopRequested = untilStopSignal();
    let server: IdpServer;
    try {
      server = await startIdpServer({ port, ...(personas ? { personas } : {}) });
    } catch (error) {
      if (error instanceof PortInUseError) throw new UsageError(error.message);
      throw error;
    }
    process.stdout.write(describeServer(server));
    await stopRequested;
    await server.close();
    process.stdout.write('Mock IdPs stopped.\n');
    return 0;
  });
}
