import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileFor, serveReports } from './staticServer.ts';

const root = mkdtempSync(join(tmpdir(), 'sso-reports-'));
mkdirSync(join(root, 'allure-report'));
writeFileSync(join(root, 'allure-report', 'index.html'), '<p>allure</p>');
writeFileSync(join(root, 'certification.html'), '<p>report</p>');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the report server', () => {
  it('maps URL paths to files under the directory, never outside it', () => {
    expect(fileFor(root, '/allure-report/')).toBe(join(root, 'allure-report', 'index.html'));
    expect(fileFor(root, '/certification.html?x=1')).toBe(join(root, 'certification.html'));
    expect(fileFor(root, '/../../etc/passwd')).toBeUndefined();
    expect(fileFor(root, '/%2e%2e/%2e%2e/etc/passwd')).toBeUndefined();
    expect(fileFor(root, '/%E0%A4%A')).toBeUndefined();
    expect(fileFor(root, '/missing.html')).toBeUndefined();
  });

  it('serves them on 127.0.0.1 with their content type, read-only', async () => {
    const server = await serveReports(root);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const page = await fetch(`${server.url}/allure-report/`);
      expect([page.status, page.headers.get('content-type'), await page.text()]).toEqual([
        200,
        'text/html; charset=utf-8',
        '<p>allure</p>',
      ]);
      expect((await fetch(`${server.url}/nothing`)).status).toBe(404);
      expect((await fetch(`${server.url}/certification.html`, { method: 'POST' })).status).toBe(405);
    } finally {
      await server.close();
    }
  });
});
