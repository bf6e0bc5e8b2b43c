// `repro --run` end to end: real servers on loopback, Chromium, the fix, and the evidence folder.
// Each scenario takes a few seconds; every server is closed and proven closed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { PersonaId } from '../../mock-idps/index.ts';
import { runReproCommand as reproCommand } from '../../cli/testing/index.ts';
import { tempFolder } from '../testing/configFiles.ts';
import { attemptLogin, launchBrowser } from './browser.ts';
import { runScenario } from './run.ts';
import type { RunSummary } from './runSummary.ts';
import { findScenario } from './scenarios.ts';
import { stageScenario, type ReproStage } from './stage.ts';

const out = tempFolder('sso-harness-repro-e2e-');
afterAll(() => out.remove());
afterEach(() => {
  vi.restoreAllMocks();
});

const E2E_TIMEOUT_MS = 90_000;

async function isClosed(url: string): Promise<boolean> {
  return fetch(url).then(
    () => false,
    () => true,
  );
}

/** No secret of the stage (passwords, client secrets, harness token) in any text the run wrote. */
function expectNoSecrets(dir: string, secrets: readonly string[]): void {
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => /\.(json|txt|xml|md)$/.test(name))) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const secret of secrets) expect(text.includes(secret), `${file} contains a secret`).toBe(false);
  }
}

describe('sso-harness repro --run', () => {
  const samlRotation = (dir: string): void => {
    const explained = JSON.parse(readFileSync(join(dir, 'before-saml-response.explain.json'), 'utf8')) as {
      verdict: string;
      findings: { severity: string; faultId?: string }[];
    };
    expect(explained.verdict).toBe('refused');
    expect(explained.findings.filter((finding) => finding.severity === 'blocking').map((finding) => finding.faultId)).toEqual([
      'saml.cert-rotated',
    ]);
    expect(readFileSync(join(dir, 'before-saml-response.xml'), 'utf8')).toMatch(
      /<(\w+:)?SignatureValue>\[removed\]<\/(\w+:)?SignatureValue>/,
    );
  };
  const oidcRedirectRefused = (dir: string): void => {
    expect(readFileSync(join(dir, 'before-authorization-request.txt'), 'utf8')).toContain('redirect_uri = ');
    expect(readFileSync(join(dir, 'after-oidc-redirect.txt'), 'utf8')).toMatch(/[?&]code=\[removed\]/);
  };

  it.each([
    {
      id: 'signing-certificate-rotated',
      persona: 'entra-saml',
      before: { kind: 'portal-refusal', reason: 'saml-cert-untrusted' },
      evidence: samlRotation,
    },
    {
      id: 'redirect-uri-changed',
      persona: 'google-oidc',
      before: { kind: 'idp-error', code: 'redirect_uri_mismatch' },
      evidence: oidcRedirectRefused,
    },
  ] as const)(
    '$id with $persona: the user meets the symptom, the fix lets them in, the evidence is written, every server is closed',
    async ({ id, persona, before, evidence }) => {
      let stage: ReproStage | undefined;
      let summary: RunSummary;
      try {
        stage = await stageScenario(findScenario(id), { persona: persona as PersonaId });
        summary = await runScenario(stage, { outDir: out.dir });
      } finally {
        await stage?.close();
      }
      expect(summary.before.outcome).toMatchObject(before);
      expect(summary.reproduced).toBe('yes');
      expect(summary.after.outcome.kind).toBe('signed-in');
      expect(summary.fixed).toBe(true);
      const dir = join(out.dir, id);
      expect(readdirSync(dir)).toEqual(
        expect.arrayContaining(['before.png', 'after.png', 'sp-settings.json', 'sp-settings-after-fix.json', 'summary.json', 'summary.md']),
      );
      expect(readFileSync(join(dir, 'before.png')).subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'))).toMatchObject({
        scenario: id,
        persona,
        reproduced: 'yes',
        fixed: true,
      });
      evidence(dir);
      expectNoSecrets(dir, stage.secrets());
      expect(await isClosed(stage.portalUrl)).toBe(true);
      expect(await isClosed(stage.idpUrl)).toBe(true);
    },
    E2E_TIMEOUT_MS,
  );

  it(
    'through the command: auth0-oidc-hs256 --run --json prints the summary, with the ID token as issued explained',
    async () => {
      let stdout = '';
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
        stdout += String(chunk);
        return true;
      });
      vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      const code = await reproCommand(['auth0-oidc-hs256', '--run', '--json', '--out', out.dir]);
      const summary = JSON.parse(stdout) as RunSummary;
      expect({ code, reproduced: summary.reproduced, fixed: summary.fixed, before: summary.before.outcome.kind }).toEqual({
        code: 0,
        reproduced: 'yes',
        fixed: true,
        before: 'portal-refusal',
      });
      const explained = JSON.parse(readFileSync(join(out.dir, 'auth0-oidc-hs256', 'before-id-token.explain.json'), 'utf8')) as {
        findings: { severity: string; faultId?: string }[];
      };
      expect(explained.findings.filter((finding) => finding.severity === 'blocking').map((finding) => finding.faultId)).toEqual([
        'oidc.hs256-with-secret',
      ]);
      expect(readFileSync(join(out.dir, 'auth0-oidc-hs256', 'before-id-token.txt'), 'utf8')).toMatch(
        /^eyJ[\w-]+\.eyJ[\w-]+\.\[removed\]$/m,
      );
    },
    E2E_TIMEOUT_MS,
  );

  it(
    'never leaves 127.0.0.1: an IdP posting to a stale external ACS is blocked and reported, not fetched',
    async () => {
      const stage = await stageScenario(findScenario('saml-idp-initiated-not-allowed'));
      const browser = await launchBrowser();
      try {
        await stage.idp.registerSamlApp('okta-saml', {
          entityId: stage.account.urls.sp.entityId,
          acsUrls: ['https://oe-old.example.com/saml/acs'],
        });
        const attempt = await attemptLogin(browser, stage, stage.user);
        expect(attempt.outcome).toMatchObject({ kind: 'sent-off-machine', url: 'https://oe-old.example.com/saml/acs' });
        expect(attempt.navigations.at(-1)).toBe('POST https://oe-old.example.com/saml/acs');
      } finally {
        await browser.close();
        await stage.close();
      }
    },
    E2E_TIMEOUT_MS,
  );
});
