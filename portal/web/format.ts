// Display formats shared by the portal's pages.
export function formatTime(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function protocolName(protocol: 'saml' | 'oidc'): string {
  return protocol === 'saml' ? 'SAML 2.0' : 'OpenID Connect';
}
