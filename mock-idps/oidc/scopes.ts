// The OIDC scopes the personas support and the claims each releases: oidc-provider's `scopes` and
// `claims` settings (provider.ts), and what the discovery document lists (discovery.ts).
export const SCOPE_CLAIMS = {
  openid: ['sub'],
  profile: ['name', 'given_name', 'family_name', 'nickname', 'preferred_username', 'picture', 'updated_at'],
  email: ['email', 'email_verified'],
  groups: ['groups'],
};

export const SUPPORTED_SCOPES = ['openid', 'offline_access', ...Object.keys(SCOPE_CLAIMS).filter((scope) => scope !== 'openid')];
