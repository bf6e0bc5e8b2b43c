// The account's seats as its admin keeps them (urls.seats): an email names one seat, compared
// without case — SSO finds the seat by the email the IdP asserts, so Tim@corp and tim@corp as two
// seats leave the portal unable to tell who logs in. Whether a seat is added, edited or imported,
// a second seat of an email in other letter case is refused, and the list still names it once.
// And the audit says who changed a seat: the admin, never the seat acted on.
import { expect, test } from '../fixtures.ts';
import { RULE } from '../login/ruleTags.ts';
import { auditActionOf } from '../target/capabilities.ts';

/** How often the seats page lists `email`, compared without case. */
const timesListed = (emails: readonly string[], email: string): number =>
  emails.filter((listed) => listed.toLowerCase() === email.toLowerCase()).length;

/** The email with its first letter and its domain in capitals: the same address to any mail server. */
const otherCase = (email: string): string => {
  const at = email.lastIndexOf('@');
  return `${email.charAt(0).toUpperCase()}${email.slice(1, at)}@${email.slice(at + 1).toUpperCase()}`;
};

test(
  'seat emails stay unique without case, on add, edit and import; the audit names the admin who changed a seat',
  {
    tag: [RULE.seatEmailUnique, RULE.auditActor],
  },
  async ({ target, account, driver }) => {
    test
      .info()
      .annotations.push(
        ...[
          'seat-email-unique-case-sensitive',
          'seat-email-unique-on-add-only',
          'seat-import-duplicates-case-sensitive',
          'audit-actor-is-subject',
        ].map((id) => ({ type: 'caught-defect', description: id })),
        {
          type: 'spec',
          description:
            'RFC 5321 §2.4 (domain names are case-insensitive; OE matches the whole address without case), OWASP ASVS 4.0.3 §7.1.3 / §7.2.2 (an audit event names who acted)',
        },
      );
    test.skip(
      !driver.seats.available,
      'The target shows no seats page (urls.seats): seats cannot be added, edited or imported by the admin here.',
    );
    const taken = account.user.email;
    const domain = taken.slice(taken.lastIndexOf('@') + 1);
    const newcomer = `new.hire@${domain}`;
    await driver.login.logInWithPassword(account.admin.email, account.admin.password);

    await test.step(`adding a seat of ${otherCase(taken)} (an existing seat's email in other letter case) is refused`, async () => {
      const outcome = await driver.seats.addSeat({ name: 'Same Person', email: otherCase(taken) });
      expect.soft(outcome.saved, 'the portal added a second seat of the same email').toBe(false);
      expect.soft(timesListed(await driver.seats.listedEmails(), taken), `seats of ${taken} listed`).toBe(1);
    });

    await test.step(`adding a seat of ${newcomer} (a new email) is taken`, async () => {
      expect(
        (await driver.seats.addSeat({ name: 'New Hire', email: newcomer })).saved,
        `the portal refused a seat of the new email ${newcomer}`,
      ).toBe(true);
      expect(timesListed(await driver.seats.listedEmails(), newcomer), `seats of ${newcomer} listed`).toBe(1);
    });

    await test.step(`editing ${newcomer}'s email to ${otherCase(taken)} is refused`, async () => {
      const outcome = await driver.seats.editSeat(newcomer, { email: otherCase(taken) });
      expect.soft(outcome.saved, "the portal saved a seat with another seat's email").toBe(false);
      const listed = await driver.seats.listedEmails();
      expect.soft(timesListed(listed, taken), `seats of ${taken} listed`).toBe(1);
      expect.soft(timesListed(listed, newcomer), `seats of ${newcomer} listed`).toBe(1);
    });

    await test.step('importing a seat list naming one new person twice, in other letter case, is refused and adds nobody', async () => {
      const twin = `twin.person@${domain}`;
      const outcome = await driver.seats.importCsv(
        `name,email,role,disabled\nTwin One,${twin},user,false\nTwin Two,${otherCase(twin)},user,false\n`,
      );
      expect.soft(outcome.saved, 'the portal imported two seats of the same email').toBe(false);
      expect.soft(timesListed(await driver.seats.listedEmails(), twin), `seats of ${twin} listed`).toBe(0);
    });

    await test.step('the admin adds a seat and disables it; the audit names the admin for both changes, not the seat', async () => {
      const subject = `audited.person@${domain}`;
      expect(
        (await driver.seats.addSeat({ name: 'Audited Person', email: subject })).saved,
        `the portal refused a seat of the new email ${subject}`,
      ).toBe(true);
      expect((await driver.seats.editSeat(subject, { disabled: true })).saved, `the portal refused to disable ${subject}`).toBe(true);
      const capabilities = target.capabilities;
      test.skip(
        !capabilities.audit,
        'The target declares no audit vocabulary ("audit" in its target file): who changed a seat cannot be read.',
      );
      const changes = (await driver.accountState()).auditEvents.filter(
        (event) =>
          ['seat.added', 'seat.updated'].includes(auditActionOf(capabilities, event)) && event.detail.toLowerCase().includes(subject),
      );
      expect(changes.map((event) => auditActionOf(capabilities, event)).sort(), `audit events naming ${subject} in their detail`).toEqual([
        'seat.added',
        'seat.updated',
      ]);
      for (const event of changes) {
        expect
          .soft(event.actor.label.toLowerCase(), `who the audit says did ${auditActionOf(capabilities, event)}`)
          .toContain(account.admin.email.toLowerCase());
        expect.soft(event.actor.label.toLowerCase(), `who the audit says did ${auditActionOf(capabilities, event)}`).not.toContain(subject);
      }
    });
  },
);
