// The SAML 2.0 metadata schema check of a metadata document: OASIS saml-schema-metadata-2.0.xsd
// and its imports (copied to schemas/ from Debian's python3-saml and samlify-xmllint-wasm), by
// xmllint compiled to WebAssembly — what python3-saml and `xmllint --schema` check. Slow (tens of
// milliseconds per document): tests only.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';

const SCHEMAS = join(import.meta.dirname, 'schemas');
const METADATA = 'saml-schema-metadata-2.0.xsd';
const WS_FEDERATION_ROLES = 'ws-federation-roles.xsd';
const files = readdirSync(SCHEMAS).map((fileName) => ({ fileName, contents: readFileSync(join(SCHEMAS, fileName), 'utf8') }));

/**
 * The schema errors of `xml` (none: it is valid SAML 2.0 metadata). `wsFederationRoles`: also know
 * the two WS-Federation role descriptor types of Entra's metadata (schemas/ws-federation-roles.xsd,
 * which imports the SAML metadata schema whole).
 */
export async function metadataSchemaErrors(xml: string, options: { readonly wsFederationRoles?: boolean } = {}): Promise<string[]> {
  const main = options.wsFederationRoles ? WS_FEDERATION_ROLES : METADATA;
  const schema = files.find((file) => file.fileName === main)!;
  const preload = files.filter((file) => file !== schema);
  const result = await validateXML({ xml: { fileName: 'metadata.xml', contents: xml }, schema, preload });
  return result.valid ? [] : result.errors.map((error) => error.rawMessage);
}
