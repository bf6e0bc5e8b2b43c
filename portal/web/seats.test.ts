import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedPortal } from '../driverEmbedded.ts';
import { TestBrowser } from '../testing/testBrowser.ts';
import { STANDARD_ACCOUNT, startTestPortal } from '../testing/testPortal.ts';

let target: EmbeddedPortal;

beforeAll(async () => {
  target = await startTestPortal();
});

afterAll(async () => {
  await target.close();
});

async function adminBrowser(name: string): Promise<{ browser: TestBrowser; accountId: number }> {
  const account = await target.createAccount({ ...STANDARD_ACCOUNT, name });
  const browser = new TestBrowser(target.url);
  await browser.submit(`/login/password?account=${account.accountId}`, '/login/password', {
    email: 'ada@contoso.example',
    password: 'admin-password-1',
    account: String(account.accountId),
  });
  return { browser, accountId: account.accountId };
}

function upload(csv: string): FormData {
  const form = new FormData();
  form.set('seatsFile', new File([csv], 'seats.csv', { type: 'text/csv' }));
  return form;
}

describe('seat list CSV', () => {
  it('imports a file (adds and updates by email) and exports the list', async () => {
    const { browser, accountId } = await adminBrowser('Import ok');
    const response = await browser.submit(
      '/account/seats',
      '/account/seats/import',
      upload('name,email,role\nUma Renamed,UMA@contoso.example,user\nNew Person,new@contoso.example,user\n'),
    );
    expect(response.headers.get('location')).toBe('/account/seats?notice=imported');
    expect(target.portal.db.seats.listByAccount(accountId).map((s) => `${s.name} <${s.email}>`)).toEqual([
      'Ada Admin <ada@contoso.example>',
      'Uma Renamed <UMA@contoso.example>',
      'New Person <new@contoso.example>',
    ]);
    const exported = await browser.get('/account/seats.csv');
    expect(exported.headers.get('content-disposition')).toBe(`attachment; filename=seats-account-${accountId}.csv`);
    expect(await exported.text()).toBe(
      'name,email,role,disabled\r\nAda Admin,ada@contoso.example,admin,false\r\nUma Renamed,UMA@contoso.example,user,false\r\nNew Person,new@contoso.example,user,false\r\n',
    );
    expect(target.portal.db.audit.listByAccount(accountId)[0]).toMatchObject({
      action: 'seats.imported',
      detail: '1 added, 1 updated, 0 unchanged',
    });
  });

  it('a failed import shows every bad line and changes nothing', async () => {
    const { browser, accountId } = await adminBrowser('Import bad');
    const before = target.portal.db.seats.listByAccount(accountId);
    const response = await browser.submit(
      '/account/seats',
      '/account/seats/import',
      upload('name,email,role\nFine,fine@contoso.example,user\nBad,bad-email,user\nWorse,worse@contoso.example,owner\n'),
    );
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain('The seat list was not imported (nothing changed):');
    expect(page).toContain('<li>Line 3: &quot;bad-email&quot; is not an email address.</li>');
    expect(page).toContain('<li>Line 4: the role &quot;owner&quot; is not admin or user.</li>');
    expect(target.portal.db.seats.listByAccount(accountId)).toEqual(before);
  });

  it('refuses a user-role seat on admin pages', async () => {
    const account = await target.createAccount({ ...STANDARD_ACCOUNT, name: 'User role' });
    const browser = new TestBrowser(target.url);
    await browser.submit(`/login/password?account=${account.accountId}`, '/login/password', {
      email: 'uma@contoso.example',
      password: 'user-password-1',
      account: String(account.accountId),
    });
    const response = await browser.get('/account/seats');
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('This page is for the account&#39;s admins.');
  });

  it('adds a seat and refuses a duplicate email', async () => {
    const { browser, accountId } = await adminBrowser('Add seat');
    expect(
      (await browser.submit('/account/seats', '/account/seats', { name: 'Cy', email: 'cy@contoso.example', role: 'user', password: '' }))
        .status,
    ).toBe(303);
    const duplicate = await browser.submit('/account/seats', '/account/seats', {
      name: 'Cy 2',
      email: 'CY@contoso.example',
      role: 'user',
      password: '',
    });
    expect(duplicate.status).toBe(422);
    expect(await duplicate.text()).toContain('Another seat already has the email CY@contoso.example (emails are compared without case).');
    expect(target.portal.db.seats.listByAccount(accountId)).toHaveLength(3);
  });
});
