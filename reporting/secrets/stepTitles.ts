// Playwright names its API steps after their arguments: `Fill "<the password>"`. The HTML report
// (a zip embedded in index.html as base64) and Allure results (with `detail`) keep those titles.
// They are rewritten here without the run's secrets; nothing else in those files is touched, so
// the secrets scan still catches any other leak.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { RunSecret } from './ledger.ts';
import { SecretMatcher } from './matcher.ts';

const EMBEDDED_ZIP = /(data:application\/zip;base64,)([A-Za-z0-9+/=]+)/;

/** Rewrite `key` of every object in every `steps` array, recursively; true when something changed. */
export function redactStepTitles(value: unknown, key: 'title' | 'name', matcher: SecretMatcher): boolean {
  if (Array.isArray(value)) return value.map((item) => redactStepTitles(item, key, matcher)).some(Boolean);
  if (value === null || typeof value !== 'object') return false;
  const object = value as Record<string, unknown>;
  let changed = false;
  if (Array.isArray(object.steps)) {
    for (const step of object.steps as unknown[]) {
      if (step !== null && typeof step === 'object' && typeof (step as Record<string, unknown>)[key] === 'string') {
        const record = step as Record<string, string>;
        const redacted = matcher.redactText(record[key]!);
        if (redacted !== record[key]) {
          record[key] = redacted;
          changed = true;
        }
      }
    }
  }
  for (const child of Object.values(object)) if (redactStepTitles(child, key, matcher)) changed = true;
  return changed;
}

/** The Playwright HTML report: its data is a zip of JSON files inside index.html. */
export function redactHtmlReport(path: string, matcher: SecretMatcher): boolean {
  const html = readFileSync(path, 'utf8');
  const match = EMBEDDED_ZIP.exec(html);
  if (!match) return false;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(Buffer.from(match[2]!, 'base64'));
  } catch {
    return false;
  }
  let changed = false;
  for (const [name, content] of Object.entries(entries)) {
    if (!name.endsWith('.json')) continue;
    const json = JSON.parse(strFromU8(content)) as unknown;
    if (redactStepTitles(json, 'title', matcher)) {
      entries[name] = strToU8(JSON.stringify(json));
      changed = true;
    }
  }
  if (!changed) return false;
  const encoded = Buffer.from(zipSync(entries)).toString('base64');
  writeFileSync(
    path,
    html.replace(EMBEDDED_ZIP, () => `${match[1]}${encoded}`),
  );
  return true;
}

/** An Allure result file (`*-result.json`): step names. */
export function redactAllureResult(path: string, matcher: SecretMatcher): boolean {
  const json = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (!redactStepTitles(json, 'name', matcher)) return false;
  writeFileSync(path, JSON.stringify(json));
  return true;
}

function* files(path: string): Generator<string> {
  if (!existsSync(path)) return;
  const stat = statSync(path);
  if (stat.isFile()) yield path;
  else if (stat.isDirectory()) for (const name of readdirSync(path)) yield* files(join(path, name));
}

/** Redact the step titles of every HTML report and Allure result under these paths; returns the files changed. */
export function redactStepTitlesUnder(paths: readonly string[], secrets: readonly RunSecret[]): number {
  const matcher = new SecretMatcher(secrets);
  if (matcher.size === 0) return 0;
  let count = 0;
  for (const root of paths) {
    for (const file of files(root)) {
      if (
        file.endsWith('.html') ? redactHtmlReport(file, matcher) : file.endsWith('-result.json') ? redactAllureResult(file, matcher) : false
      )
        count += 1;
    }
  }
  return count;
}
