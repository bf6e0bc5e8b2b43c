// Playwright's globalSetup: a no-op for the embedded portal and for a file certify has just
// checked; otherwise the preflight, failing with the message alone (no harness stack trace).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeServer, listenOnLoopback } from '../../lib/index.ts';
import globalSetup from './globalSetup.ts';
import { PreflightError } from './preflight.ts';
import { PREFLIGHT_PASSED_ENV } from './preflightPassed.ts';

let target: string;

beforeAll(async () => {
  const server = createServer();
  const url = await listenOnLoopback(server, 0, 'free port probe');
  await closeServer(server);
  target = join(mkdtempSync(join(tmpdir(), 'global-setup-')), 'target.json');
  writeFileSync(
    target,
    JSON.stringify({
      name: 'oe-test',
      baseUrl: url,
      admin: { email: 'a@x.test', password: 'pw-1' },
      support: { email: 's@x.test', password: 'pw-2' },
      provisioning: { token: 'token-0123456789' },
    }),
  );
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('globalSetup', () => {
  it('does nothing for the embedded reference portal', async () => {
    vi.stubEnv('SSO_HARNESS_TARGET', 'embedded');
    await expect(globalSetup()).resolves.toBeUndefined();
  });

  it('runs the preflight of a remote target and fails with its message only', async () => {
    vi.stubEnv('SSO_HARNESS_TARGET', target);
    vi.stubEnv(PREFLIGHT_PASSED_ENV, '');
    const error = await globalSetup().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(PreflightError);
    expect((error as PreflightError).setting).toBe('baseUrl');
    expect((error as Error).stack).toBe(`PreflightError: ${(error as Error).message}`);
  });

  it('does not check again a file certify has just checked', async () => {
    vi.stubEnv('SSO_HARNESS_TARGET', target);
    vi.stubEnv(PREFLIGHT_PASSED_ENV, target);
    await expect(globalSetup()).resolves.toBeUndefined();
  });
});
