// support/'s testing entry: what other folders' tests use of support's fixtures (temporary config files, HAR files, signed SAML documents).
export { tempFolder, type TempFolder } from './configFiles.ts';
export { har } from './har.ts';
export { buildSamlXml, samlFixture, signSaml, toBase64 } from './samlFixtures.ts';
