import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PortInUseError, closeServer, listenOnLoopback } from '../lib/index.ts';
import { createPortal } from './app.ts';

let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'portal-app-'));
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('createPortal', () => {
  it('refuses an unknown defect switch at start-up, listing the valid ids', async () => {
    await expect(createPortal({ dataDir, defects: ['saml-skip-audience', 'skip-everything'] })).rejects.toThrow(
      /^Unknown defect switch: skip-everything\. Defect switches are configuration for harness self-tests; valid ids are: saml-skip-audience, .*harness-token-prefix\.$/,
    );
  });

  it('reports a port in use with the PortInUseError message', async () => {
    const blocker = createServer();
    const url = await listenOnLoopback(blocker, 0, 'blocker');
    try {
      const port = Number(new URL(url).port);
      const attempt = createPortal({ dataDir, port });
      await expect(attempt).rejects.toBeInstanceOf(PortInUseError);
      await expect(attempt).rejects.toThrow(`The reference OE portal cannot listen on 127.0.0.1:${port}: the port is already in use.`);
    } finally {
      await closeServer(blocker);
    }
  });

  it('listens on 127.0.0.1, sends security headers, and answers unknown paths with a page, not a stack trace', async () => {
    const portal = await createPortal({ dataDir, log: () => undefined });
    try {
      expect(portal.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const login = await fetch(`${portal.url}/login`);
      expect(login.headers.get('content-security-policy')).toBe(
        "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; frame-ancestors 'none'",
      );
      expect(login.headers.get('x-powered-by')).toBeNull();
      const missing = await fetch(`${portal.url}/nowhere`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain('There is no page at /nowhere.');
      // Without a harness token, the provisioning API does not exist.
      const harness = await fetch(`${portal.url}/_harness/health`, { headers: { authorization: 'Bearer anything-at-all-here' } });
      expect(harness.status).toBe(404);
    } finally {
      await portal.close();
    }
  });

  it.each([
    ['an unreadable form body', { 'content-type': 'multipart/form-data; boundary=x' }, 'garbage', 400],
    ['a JSON body on a form route', { 'content-type': 'application/json' }, '{}', 415],
  ])('answers %s on a form route with a clear status, never a 500', async (_case, headers, body, status) => {
    const portal = await createPortal({ dataDir, log: () => undefined });
    try {
      const response = await fetch(`${portal.url}/login`, { method: 'POST', headers, body });
      expect(response.status).toBe(status);
    } finally {
      await portal.close();
    }
  });

  it('answers an oversize form with 413', async () => {
    const portal = await createPortal({ dataDir, log: () => undefined });
    try {
      const response = await fetch(`${portal.url}/login`, { method: 'POST', body: new URLSearchParams({ email: 'x'.repeat(1_100_000) }) });
      expect(response.status).toBe(413);
      expect(await response.text()).toContain('larger than 1024 KiB');
    } finally {
      await portal.close();
    }
  });
});
