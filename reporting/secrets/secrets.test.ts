import { appendFileSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSecrets, recordSecret, secretVariants, type RunSecret } from './ledger.ts';
import { SecretMatcher } from './matcher.ts';
import { redactTraceFile, redactTracesUnder } from './redactTraces.ts';
import { describeLeak, scanForSecrets } from './scan.ts';
import { redactStepTitlesUnder } from './stepTitles.ts';

const PASSWORD = 'oe-Zx81_kq-TEST!';
const COOKIE = 'b7AszCF3bP3ySlcb0BnL6AwUMXbclt';
const SECRETS: RunSecret[] = [
  { kind: 'password', value: PASSWORD },
  { kind: 'session-cookie', value: COOKIE },
];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'secrets-test-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('ledger', () => {
  it('keeps every secret any worker recorded, once, and ignores values too short to be secrets', () => {
    const ledger = join(dir, '.run-secrets');
    recordSecret(ledger, 'password', PASSWORD);
    recordSecret(ledger, 'password', PASSWORD);
    recordSecret(ledger, 'session-cookie', 'short');
    recordSecret(ledger, 'session-cookie', undefined);
    writeFileSync(join(ledger, 'other-worker.jsonl'), `${JSON.stringify({ kind: 'session-cookie', value: COOKIE })}\n{"kind":"tok`);
    expect(readSecrets(ledger).sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { kind: 'password', value: PASSWORD },
      { kind: 'session-cookie', value: COOKIE },
    ]);
  });

  it('reads what was appended since the last read, a line still being written once it is complete, and a replaced file anew', () => {
    const ledger = join(dir, '.run-secrets');
    mkdirSync(ledger);
    const file = join(ledger, 'worker.jsonl');
    const line = (kind: string, value: string): string => `${JSON.stringify({ kind, value })}\n`;
    writeFileSync(file, line('password', PASSWORD));
    expect(readSecrets(ledger).map((secret) => secret.value)).toEqual([PASSWORD]);
    // Another worker is halfway through its line: not read yet, and not lost.
    const half = line('session-cookie', COOKIE);
    appendFileSync(file, half.slice(0, 20));
    expect(readSecrets(ledger).map((secret) => secret.value)).toEqual([PASSWORD]);
    appendFileSync(file, half.slice(20) + line('token', 'eyJ-token-value'));
    expect(readSecrets(ledger).map((secret) => secret.value)).toEqual([PASSWORD, COOKIE, 'eyJ-token-value']);
    // A new run's ledger in the same folder: read from its start, without the old run's secrets (also when it is longer).
    writeFileSync(file, line('other', 'a-new-run-secret'));
    expect(readSecrets(ledger).map((secret) => secret.value)).toEqual(['a-new-run-secret']);
    rmSync(ledger, { recursive: true });
    mkdirSync(ledger);
    writeFileSync(join(ledger, 'worker.jsonl'), line('other', 'x'.repeat(300)) + line('other', 'the-newest-run-secret'));
    expect(readSecrets(ledger).map((secret) => secret.value)).toEqual(['x'.repeat(300), 'the-newest-run-secret']);
    rmSync(join(ledger, 'worker.jsonl'));
    writeFileSync(join(ledger, 'next-worker.jsonl'), line('other', 'yet-another-run-secret'));
    expect(readSecrets(ledger).map((secret) => secret.value)).toEqual(['yet-another-run-secret']);
  });

  it('reads an absent ledger as no secrets', () => {
    expect(readSecrets(join(dir, 'missing'))).toEqual([]);
  });

  it('lists the encoded forms a secret takes in files', () => {
    expect(secretVariants('a b/c+d!e')).toEqual(['a b/c+d!e', 'a%20b%2Fc%2Bd!e', 'a+b%2Fc%2Bd%21e']);
    expect(secretVariants('say "hi" there')).toContain('say \\"hi\\" there');
  });
});

describe('SecretMatcher', () => {
  const matcher = new SecretMatcher([...SECRETS, { kind: 'token', value: `${COOKIE}-longer` }]);

  it.each([
    [`password=${encodeURIComponent(PASSWORD)}&x=1`, ['password']],
    [`{"value":"${COOKIE}"}`, ['session-cookie']],
    [`cookie ${COOKIE}-longer`, ['token']],
    ['nothing secret here at all', []],
  ])('finds the kinds in %s', (text, kinds) => {
    expect(matcher.kindsIn(Buffer.from(text))).toEqual(kinds);
  });

  it('removes each occurrence, longest match first', () => {
    const { bytes, removed } = matcher.redact(Buffer.from(`a ${PASSWORD} b ${COOKIE}-longer c ${COOKIE}`));
    expect([Buffer.from(bytes).toString(), removed]).toEqual(['a [removed] b [removed] c [removed]', 3]);
    expect(matcher.redactText(`${COOKIE}${COOKIE}`)).toBe('[removed][removed]');
    expect(matcher.redactText('nothing here')).toBe('nothing here');
  });

  it('finds secrets at the very start and end, in UTF-8, and not across a near miss', () => {
    const utf8 = new SecretMatcher([{ kind: 'password', value: 'pässwörd-1234' }]);
    expect(utf8.kindsIn(Buffer.from('pässwörd-1234'))).toEqual(['password']);
    expect(utf8.kindsIn(Buffer.from('x pässwörd-1234'))).toEqual(['password']);
    expect(utf8.kindsIn(Buffer.from('pässwörd-123 pässwörd-12345'))).toEqual(['password']);
    expect(utf8.kindsIn(Buffer.from('pässwörd-123'))).toEqual([]);
  });

  it('agrees with a plain search on random text with planted secrets', () => {
    const many = Array.from({ length: 500 }, (_, i) => ({ kind: 'token' as const, value: `tok-${i}-${(i * 7919).toString(36)}-xyz` }));
    const big = new SecretMatcher(many);
    let text = '';
    for (let i = 0; i < 2000; i += 1) text += i % 97 === 0 ? many[i % 500]!.value : String.fromCharCode(32 + ((i * 31) % 90));
    const expected = many.filter((item) => text.includes(item.value)).length;
    expect(expected).toBeGreaterThan(0);
    expect(big.redact(Buffer.from(text)).removed).toBe(text.split('tok-').length - 1);
  });
});

describe('scanForSecrets', () => {
  it('finds secrets in text files and inside zip entries, skips images and excluded paths, and names no value', () => {
    mkdirSync(join(dir, 'reports', 'html'), { recursive: true });
    writeFileSync(join(dir, 'reports', 'clean.json'), '{"ok":true}');
    writeFileSync(join(dir, 'reports', 'junit.xml'), `<failure>login as ${PASSWORD}</failure>`);
    writeFileSync(join(dir, 'reports', 'shot.png'), PASSWORD);
    writeFileSync(
      join(dir, 'reports', 'html', 'data.zip'),
      zipSync({ 'trace.network': strToU8(`"Cookie","value":"oe_session=${COOKIE}"`), 'frame.jpeg': strToU8(PASSWORD) }),
    );
    mkdirSync(join(dir, 'ledger'));
    writeFileSync(join(dir, 'ledger', 'w.jsonl'), PASSWORD);
    const result = scanForSecrets([join(dir, 'reports'), join(dir, 'ledger')], SECRETS, { exclude: [join(dir, 'ledger')] });
    expect(result.filesScanned).toBe(3);
    const leaks = result.leaks.map((leak) => ({
      ...leak,
      file: relative(dir, leak.file.startsWith('/') ? leak.file : join(process.cwd(), leak.file)),
    }));
    expect(leaks).toEqual([
      { file: 'reports/html/data.zip', entry: 'trace.network', kind: 'session-cookie' },
      { file: 'reports/junit.xml', kind: 'password' },
    ]);
    expect(result.leaks.map(describeLeak).join('\n')).not.toContain(PASSWORD);
  });

  it.each([
    ['a PEM private key', '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----', 'private-key-pem'],
    ['a signed JWT', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJlLXZhbHVlLWJ5dGVz', 'signed-jwt'],
    ['an XML signature value', `<ds:SignatureValue>${'QUJD'.repeat(20)}</ds:SignatureValue>`, 'xml-signature-value'],
  ])('finds %s that no ledger lists', (_name, text, kind) => {
    writeFileSync(join(dir, 'report.md'), text);
    expect(scanForSecrets([dir], []).leaks.map((leak) => leak.kind)).toEqual([kind]);
  });

  it.each([
    ['a redacted JWT', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZGEifQ.[removed]'],
    ['a redacted XML signature', '<ds:SignatureValue>[removed]</ds:SignatureValue>'],
  ])('passes %s', (_name, text) => {
    writeFileSync(join(dir, 'report.md'), text);
    expect(scanForSecrets([dir], SECRETS).leaks).toEqual([]);
  });
});

describe('redactTraceFile', () => {
  const samlResponse = Buffer.from('<samlp:Response/>').toString('base64');
  const trace = (): Uint8Array =>
    zipSync({
      'trace.trace': strToU8(
        `{"type":"before","method":"fill","params":{"value":"${PASSWORD}"}}\n{"snapshot":["INPUT",{"type":"hidden","name":"SAMLResponse","value":"${samlResponse}"}]}`,
      ),
      'trace.network': strToU8(
        `{"postData":{"params":[{"name":"SAMLResponse","value":"${samlResponse}"},{"name":"password","value":"${encodeURIComponent(PASSWORD)}"}]},"headers":[{"name":"Cookie","value":"oe_session=${COOKIE}"}]}`,
      ),
      'resources/abc.dat': strToU8(
        `email=ada%40corp.example&password=${encodeURIComponent(PASSWORD)}&SAMLResponse=${encodeURIComponent(samlResponse)}`,
      ),
      'resources/frame.jpeg': strToU8(PASSWORD),
    });

  it('removes the secrets and signed SAML responses from every text entry, and the result scans clean', () => {
    const path = join(dir, 'trace.zip');
    writeFileSync(path, trace());
    expect(redactTraceFile(path, SECRETS)).toBe(true);
    const entries = unzipSync(readFileSync(path));
    const text = (name: string): string => Buffer.from(entries[name]!).toString('utf8');
    expect(text('trace.trace')).toBe(
      '{"type":"before","method":"fill","params":{"value":"[removed]"}}\n{"snapshot":["INPUT",{"type":"hidden","name":"SAMLResponse","value":"[removed]"}]}',
    );
    expect(text('resources/abc.dat')).toBe('email=ada%40corp.example&password=[removed]&SAMLResponse=[removed]');
    expect(text('trace.network')).not.toContain(COOKIE);
    // Images are left alone (they cannot hold text), so only they still carry the planted bytes.
    expect(text('resources/frame.jpeg')).toBe(PASSWORD);
    expect(scanForSecrets([path], SECRETS).leaks).toEqual([]);
  });

  it('leaves zips that are not traces, and traces without secrets, untouched', () => {
    const other = join(dir, 'other.zip');
    writeFileSync(other, zipSync({ 'notes.txt': strToU8(PASSWORD) }));
    const clean = join(dir, 'clean.zip');
    writeFileSync(clean, zipSync({ 'test.trace': strToU8('{"type":"after"}') }));
    writeFileSync(join(dir, 'broken.zip'), 'PK not really');
    expect(redactTracesUnder([dir], SECRETS)).toBe(0);
    expect(Buffer.from(unzipSync(readFileSync(other))['notes.txt']!).toString()).toBe(PASSWORD);
  });
});

describe('step titles (Playwright names API steps after their arguments)', () => {
  it("removes secrets from the step titles inside the HTML report's embedded zip, and from nothing else", () => {
    const data = {
      tests: [
        { title: 'login', steps: [{ title: `Fill "${PASSWORD}"`, steps: [{ title: `Fill "${COOKIE}"` }] }], errors: [`kept ${PASSWORD}`] },
      ],
    };
    const zip = Buffer.from(zipSync({ 'abc.json': strToU8(JSON.stringify(data)) })).toString('base64');
    const path = join(dir, 'index.html');
    writeFileSync(
      path,
      `<html><script id="playwrightReportBase64" type="application/zip">data:application/zip;base64,${zip}</script></html>`,
    );
    expect(scanForSecrets([dir], SECRETS).leaks).toEqual([
      { file: relative(process.cwd(), path), entry: 'embedded zip › abc.json', kind: 'password' },
      { file: relative(process.cwd(), path), entry: 'embedded zip › abc.json', kind: 'session-cookie' },
    ]);
    expect(redactStepTitlesUnder([dir], SECRETS)).toBe(1);
    const embedded = /base64,([A-Za-z0-9+/=]+)/.exec(readFileSync(path, 'utf8'))![1]!;
    const json = JSON.parse(Buffer.from(unzipSync(Buffer.from(embedded, 'base64'))['abc.json']!).toString()) as typeof data;
    expect(json.tests[0]!.steps[0]!.title).toBe('Fill "[removed]"');
    expect(json.tests[0]!.steps[0]!.steps[0]!.title).toBe('Fill "[removed]"');
    // An error message is not a step title: the scan still reports it.
    expect(scanForSecrets([dir], SECRETS).leaks.map((leak) => leak.kind)).toEqual(['password']);
  });

  it('removes secrets from Allure step names', () => {
    const path = join(dir, '1-result.json');
    writeFileSync(path, JSON.stringify({ name: 'login', steps: [{ name: `Fill "${PASSWORD}"`, steps: [] }] }));
    writeFileSync(join(dir, 'clean-result.json'), JSON.stringify({ name: 'x', steps: [{ name: 'Click' }] }));
    expect(redactStepTitlesUnder([dir], SECRETS)).toBe(1);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ name: 'login', steps: [{ name: 'Fill "[removed]"', steps: [] }] });
  });
});
