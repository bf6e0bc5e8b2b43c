// Seat emails are unique within an account without case — on add, edit and import — and seat
// changes are audited as done by the admin; what the four seat-data defect switches let through.
import { afterEach, describe, expect, it } from 'vitest';
import type { EmbeddedPortal } from '../driverEmbedded.ts';
import { TestBrowser } from '../testing/testBrowser.ts';
import { STANDARD_ACCOUNT, startTestPortal } from '../testing/testPortal.ts';

let target: EmbeddedPortal | undefined;

afterEach(async () => {
  await target?.close();
  target = undefined;
});

/** What each seat change of an admin gives (HTTP status) with these switches, and who the audit names for the seat added. */
async function changes(
  defects: readonly string[],
): Promise<{ add: number; edit: number; importTwins: number; addedBy: string | undefined }> {
  target = await startTestPortal({ defects });
  const account = await target.createAccount(STANDARD_ACCOUNT);
  const admin = new TestBrowser(target.url);
  await admin.loginWithPassword('ada@contoso.example', 'admin-password-1');
  const add = (
    await admin.submit('/account/seats', '/account/seats', { name: 'Uma Again', email: 'UMA@contoso.example', role: 'user', password: '' })
  ).status;
  await admin.submit('/account/seats', '/account/seats', { name: 'Cy', email: 'cy@contoso.example', role: 'user', password: '' });
  const cy = target.portal.db.seats.findByEmail(account.accountId, 'cy@contoso.example')[0];
  if (!cy) throw new Error('Cy was not added');
  const edit = (
    await admin.submit(`/account/seats/${cy.id}`, `/account/seats/${cy.id}`, {
      name: 'Cy',
      email: 'Uma@contoso.example',
      role: 'user',
      password: '',
    })
  ).status;
  const form = new FormData();
  form.set('seatsCsv', 'name,email,role,disabled\nTwin,twin@contoso.example,user,false\nTwin 2,TWIN@contoso.example,user,false\n');
  const importTwins = (await admin.submit('/account/seats', '/account/seats/import', form)).status;
  const addedBy = target.portal.db.audit
    .listByAccount(account.accountId)
    .find((event) => event.action === 'seat.added' && event.detail.includes('cy@contoso.example'))?.actor.label;
  return { add, edit, importTwins, addedBy };
}

describe('seat emails and who changed a seat', () => {
  it('refuses an email of another seat in other case on add, edit and import; the admin is the actor', async () => {
    const correct = await changes([]);
    expect(correct).toMatchObject({ add: 422, edit: 422, importTwins: 422 });
    expect(correct.addedBy).toContain('ada@contoso.example');
  });

  it.each([
    ['seat-email-unique-case-sensitive', { add: 303, edit: 303, importTwins: 422 }],
    ['seat-email-unique-on-add-only', { add: 422, edit: 303, importTwins: 422 }],
    ['seat-import-duplicates-case-sensitive', { add: 422, edit: 422, importTwins: 303 }],
  ])('%s lets through only what it should', async (defect, expected) => {
    expect(await changes([defect])).toMatchObject(expected);
  });

  it('audit-actor-is-subject: the seat added is named as its own actor', async () => {
    expect((await changes(['audit-actor-is-subject'])).addedBy).toContain('cy@contoso.example');
  });
});
