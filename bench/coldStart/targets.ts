// The servers the cold-start benchmark starts, each in a fresh child process (child.ts). Each
// target loads only its own modules (dynamic import), so no target pays for another's.

// sso-harness keeps start-up work in a per-machine cache (mock-idps/machineCache.ts: the demo
// tenant's TEST-ONLY keys, Node's compile cache), so it is measured twice: a first-ever start
// with an empty cache directory, and a warm start with the cache an earlier start left.
export const COLD_START_TARGETS = ['sso-harness', 'sso-harness-warm', 'oauth2-mock-server', 'plain-samlify'] as const;
export type ColdStartTarget = (typeof COLD_START_TARGETS)[number];

export const TARGET_DESCRIPTIONS: Readonly<Record<ColdStartTarget, string>> = {
  'sso-harness': 'sso-harness mock IdPs, first-ever start (empty machine cache): all 8 personas (4 SAML metadata + 4 OIDC discovery)',
  'sso-harness-warm': 'sso-harness mock IdPs, warm start (machine cache of an earlier start): the same 8 URLs',
  'oauth2-mock-server': 'oauth2-mock-server 8 (npm): 1 issuer, RS256 key generated at start, discovery',
  'plain-samlify': 'plain samlify + express IdP (bench/peers): 1 IdP, key generated at start, metadata',
};

/** What a started target tells the parent: the URLs whose first answer means "ready". */
export interface StartedTarget {
  readonly readyUrls: readonly string[];
  close(): Promise<void>;
}

export function isColdStartTarget(value: string | undefined): value is ColdStartTarget {
  return (COLD_START_TARGETS as readonly (string | undefined)[]).includes(value);
}

export async function startTarget(target: ColdStartTarget): Promise<StartedTarget> {
  switch (target) {
    case 'sso-harness':
    case 'sso-harness-warm': {
      const { startIdpServer, DEMO_TENANT_KEY, allPersonaUrls } = await import('../../mock-idps/index.ts');
      const server = await startIdpServer();
      const demo = server.tenants.get(DEMO_TENANT_KEY);
      if (!demo) throw new Error('the IdP server started without its demo tenant');
      const urls = Object.values(allPersonaUrls(demo.ids, server.url, server.personas)).map((u) =>
        u.protocol === 'saml' ? u.metadataUrl : u.discoveryUrl,
      );
      return { readyUrls: urls, close: () => server.close() };
    }
    case 'oauth2-mock-server': {
      const { OAuth2Server } = await import('oauth2-mock-server');
      const server = new OAuth2Server();
      await server.issuer.keys.generate('RS256');
      await server.start(0, '127.0.0.1');
      const issuer = server.issuer.url;
      if (!issuer) throw new Error('oauth2-mock-server started without an issuer URL');
      // Its issuer says "localhost"; ask the address it is bound to (loopback IPv4 only).
      const discovery = new URL(`${issuer}/.well-known/openid-configuration`);
      discovery.hostname = '127.0.0.1';
      return { readyUrls: [discovery.href], close: () => server.stop() };
    }
    case 'plain-samlify': {
      const { startPlainSamlifyIdp } = await import('../peers/plainSamlifyIdp.ts');
      const idp = await startPlainSamlifyIdp();
      return { readyUrls: [idp.metadataUrl], close: () => idp.close() };
    }
  }
}
