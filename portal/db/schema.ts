// The reference portal's SQLite schema. Times are epoch milliseconds. Emails are stored as typed
// and matched through `email_lower` (JavaScript lower-casing, which SQLite's lower() is not:
// it only folds ASCII). Secrets are stored only as scrypt hashes (passwords) or SHA-256 hashes
// (session cookies, codes, tokens); the one exception is an OIDC client secret inside the SSO
// settings, which the portal must present to the IdP's token endpoint.
export const SCHEMA_VERSION = 2;

export const SCHEMA_SQL = `
CREATE TABLE portal_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  sso_domains TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL
);
CREATE TABLE seats (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  email_lower TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'user')),
  disabled INTEGER NOT NULL DEFAULT 0,
  password_hash TEXT
);
CREATE INDEX seats_by_email ON seats(email_lower);
CREATE INDEX seats_by_account ON seats(account_id);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('seat', 'support')),
  subject_id INTEGER NOT NULL,
  auth_method TEXT NOT NULL CHECK (auth_method IN ('password', 'sso')),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE sso_configs (
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  settings_json TEXT NOT NULL,
  saved_at INTEGER NOT NULL,
  saved_by TEXT NOT NULL,
  PRIMARY KEY (account_id, version)
);
CREATE TABLE sso_state (
  account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  enabled INTEGER NOT NULL DEFAULT 0,
  current_version INTEGER
);
CREATE TABLE sso_tests (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  ok INTEGER NOT NULL,
  reason TEXT,
  detail TEXT NOT NULL DEFAULT '',
  email TEXT,
  tested_at INTEGER NOT NULL
);
CREATE TABLE sso_observations (
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  warnings_json TEXT NOT NULL,
  observed_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, version)
);
CREATE TABLE audit_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  actor_kind TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  reason TEXT,
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_by_account ON audit_events(account_id, id);
CREATE TABLE support_staff (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  email_lower TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL
);
CREATE TABLE support_grants (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  staff_id INTEGER NOT NULL REFERENCES support_staff(id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  ticket TEXT NOT NULL,
  reason TEXT NOT NULL,
  granted_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE used_assertions (
  assertion_id TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
);
CREATE TABLE pending_logins (
  cookie_hash TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CHECK (purpose IN ('login', 'test')),
  config_version INTEGER NOT NULL,
  state_json TEXT NOT NULL,
  return_to TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE native_requests (
  id_hash TEXT PRIMARY KEY,
  browser_hash TEXT NOT NULL,
  client_id TEXT NOT NULL,
  redirect_uri TEXT NOT NULL,
  code_challenge TEXT,
  state TEXT,
  expires_at INTEGER NOT NULL
);
CREATE TABLE native_codes (
  code_hash TEXT PRIMARY KEY,
  client_id TEXT NOT NULL,
  redirect_uri TEXT NOT NULL,
  code_challenge TEXT,
  seat_id INTEGER NOT NULL REFERENCES seats(id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE TABLE native_tokens (
  token_hash TEXT PRIMARY KEY,
  code_hash TEXT NOT NULL,
  client_id TEXT NOT NULL,
  seat_id INTEGER NOT NULL REFERENCES seats(id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE idp_user_exports (
  account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  emails_json TEXT NOT NULL,
  uploaded_at INTEGER NOT NULL,
  uploaded_by TEXT NOT NULL
);
`;

/** How a database of an older schema version is brought to the current one (key: its version). */
export const MIGRATIONS: Readonly<Record<number, string>> = {
  // 1 → 2: what the last accepted SSO login of each configuration version observed (certificate warnings).
  1: `CREATE TABLE sso_observations (
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  warnings_json TEXT NOT NULL,
  observed_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, version)
);`,
};
