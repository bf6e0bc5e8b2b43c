// The run's secrets ledger: every secret a fixture creates or sees (passwords, client secrets,
// session cookies, tokens, signed SAML responses) is appended here, so that the reporters can
// remove them from traces and scan every report file for them. It lives in Playwright's output
// directory, which Playwright empties at the start of each run: one ledger per run. Only the
// trace redactor and the secrets scan read it; it is never attached or copied into reports/.
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const LEDGER_DIR_NAME = '.run-secrets';

export type SecretKind = 'password' | 'client-secret' | 'session-cookie' | 'token' | 'saml-response' | 'private-key' | 'other';

export interface RunSecret {
  readonly kind: SecretKind;
  readonly value: string;
}

/** Shorter values would match ordinary words and numbers in reports. */
export const MIN_SECRET_LENGTH = 8;

export function ledgerDir(outputDir: string): string {
  return process.env.SSO_HARNESS_SECRETS_LEDGER ?? join(outputDir, LEDGER_DIR_NAME);
}

const written = new Set<string>();

/** Append a secret (once per process); values shorter than MIN_SECRET_LENGTH are ignored. */
export function recordSecret(dir: string, kind: SecretKind, value: string | undefined | null): void {
  if (typeof value !== 'string') return;
  const trimmed = value.trim();
  const key = `${dir}\n${trimmed}`;
  if (trimmed.length < MIN_SECRET_LENGTH || written.has(key)) return;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  appendFileSync(join(dir, `${process.pid}.jsonl`), `${JSON.stringify({ kind, value: trimmed })}\n`, { mode: 0o600 });
  written.add(key);
}

/** Every secret recorded in this run, by any worker. */
export function readSecrets(dir: string): RunSecret[] {
  if (!existsSync(dir)) return [];
  const byValue = new Map<string, RunSecret>();
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.jsonl'))) {
    for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const item = JSON.parse(line) as RunSecret;
        if (typeof item.value === 'string' && item.value.length >= MIN_SECRET_LENGTH) byValue.set(item.value, item);
      } catch {
        // A line cut short by a crashed worker: the rest of the ledger still counts.
      }
    }
  }
  return [...byValue.values()];
}

/** The forms a secret takes in files: as is, URL-encoded (query strings, form bodies) and JSON-escaped. */
export function secretVariants(value: string): string[] {
  const variants = new Set([
    value,
    encodeURIComponent(value),
    new URLSearchParams({ v: value }).toString().slice(2),
    JSON.stringify(value).slice(1, -1),
  ]);
  return [...variants].filter((variant) => variant.length >= MIN_SECRET_LENGTH);
}
