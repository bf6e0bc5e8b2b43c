// The comparison peer of the cold-start benchmark: the smallest SAML IdP one would write with
// plain samlify + express (metadata + HTTP-POST SSO, one fixed user, one registered SP). It stands
// in for the `saml-idp` npm package, which cannot be installed here (its dependencies are
// GitHub-only). It is given every advantage a careful author would take: the schema validator
// (xmllint compiled to wasm) is loaded on the first AuthnRequest, not at start-up.
import { createServer } from 'node:http';
import express, { type Request, type Response } from 'express';
import * as samlify from 'samlify';
import { closeServer, listenOnLoopback, generateTestKeyPair } from '../../lib/index.ts';

const BINDING_POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
const NAMEID_EMAIL = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';

export interface PlainSamlifyIdpOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** The one SP this IdP answers. */
  readonly sp?: { readonly entityId: string; readonly acsUrl: string };
  /** The user every login is for. */
  readonly userEmail?: string;
}

export interface PlainSamlifyIdp {
  readonly url: string;
  readonly metadataUrl: string;
  readonly ssoUrl: string;
  close(): Promise<void>;
}

export const PLAIN_IDP_DEFAULT_SP = { entityId: 'http://127.0.0.1/bench-sp', acsUrl: 'http://127.0.0.1:9/bench-sp/acs' } as const;

let validatorLoaded: Promise<void> | undefined;
function loadSchemaValidator(): Promise<void> {
  validatorLoaded ??= import('@authenio/samlify-xmllint-wasm').then((validator: { validate: (xml: string) => Promise<unknown> }) => {
    samlify.setSchemaValidator({ validate: validator.validate });
  });
  return validatorLoaded;
}

const escapeAttribute = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function autoPostForm(action: string, samlResponse: string, relayState: string | undefined): string {
  const relay = relayState === undefined ? '' : `<input type="hidden" name="RelayState" value="${escapeAttribute(relayState)}">`;
  return `<!doctype html><html><body onload="document.forms[0].submit()"><form method="post" action="${escapeAttribute(action)}"><input type="hidden" name="SAMLResponse" value="${escapeAttribute(samlResponse)}">${relay}<noscript><button type="submit">Continue</button></noscript></form></body></html>`;
}

export async function startPlainSamlifyIdp(options: PlainSamlifyIdpOptions = {}): Promise<PlainSamlifyIdp> {
  const key = generateTestKeyPair({ commonName: 'plain-samlify-idp TEST ONLY' });
  const registered = options.sp ?? PLAIN_IDP_DEFAULT_SP;
  const userEmail = options.userEmail ?? 'bob.user@example.com';
  const server = createServer();
  const app = express();
  app.disable('x-powered-by');
  server.on('request', app);
  const origin = await listenOnLoopback(server, options.port ?? 0, 'The plain samlify IdP');

  const idp = samlify.IdentityProvider({
    entityID: `${origin}/metadata`,
    privateKey: key.privateKeyPem,
    signingCert: key.certificatePem,
    nameIDFormat: [NAMEID_EMAIL],
    singleSignOnService: [{ Binding: BINDING_POST, Location: `${origin}/sso` }],
    wantAuthnRequestsSigned: false,
  });
  const sp = samlify.ServiceProvider({
    entityID: registered.entityId,
    assertionConsumerService: [{ Binding: BINDING_POST, Location: registered.acsUrl }],
    wantAssertionsSigned: true,
  });

  app.get('/metadata', (_req: Request, res: Response) => {
    res.type('application/samlmetadata+xml').send(idp.getMetadata());
  });
  app.post('/sso', express.urlencoded({ extended: false, limit: '64kb' }), async (req: Request, res: Response) => {
    const body = req.body as Record<string, unknown> | undefined;
    if (typeof body?.SAMLRequest !== 'string') {
      res.status(400).type('text').send('POST a SAMLRequest form field (HTTP-POST binding: base64 of the AuthnRequest XML).\n');
      return;
    }
    try {
      await loadSchemaValidator();
      const request = await idp.parseLoginRequest(sp, 'post', { body });
      const response = await idp.createLoginResponse(sp, { extract: request.extract }, 'post', { email: userEmail });
      if (!('entityEndpoint' in response)) throw new Error('samlify built no HTTP-POST response');
      const relayState = typeof body.RelayState === 'string' ? body.RelayState : undefined;
      res.type('html').send(autoPostForm(response.entityEndpoint, response.context, relayState));
    } catch (error) {
      res
        .status(400)
        .type('text')
        .send(
          `The AuthnRequest was refused: ${error instanceof Error ? error.message : String(error)}. Send a schema-valid AuthnRequest from ${registered.entityId}.\n`,
        );
    }
  });

  return {
    url: origin,
    metadataUrl: `${origin}/metadata`,
    ssoUrl: `${origin}/sso`,
    close: () => closeServer(server),
  };
}
