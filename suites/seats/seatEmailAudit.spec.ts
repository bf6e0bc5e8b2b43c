// Seat email audit (DESIGN lifecycle step 6), one test per kind of problem: the audit in IdP and
// SSO shows it, enabling SSO warns about it ("Enable SSO anyway"), and the person it concerns,
// opening OE from the IdP, is refused with a message naming the email the IdP sent and where the
// seat email is fixed.
import type { ReasonCode } from '../../lib/reasons.ts';
import { PERSONAS } from '../../mock-idps/personas/index.ts';
import { expect, test } from '../entrypoints/fixtures.ts';
import { ssoSetUp } from '../flows/ssoSetUp.ts';
import { seatLoginFor } from '../flows/testAccount.ts';
import { throughIdp } from '../idp/idpSignIn.ts';
import { entraUserExport } from './idpUserExport.ts';
import { SEAT_CASES, type Directory } from './seatCases.ts';

/** Guest #EXT# UPNs are Entra's; the audit itself does not depend on the protocol. */
const PERSONA = PERSONAS['entra-saml'];
const NO_SEAT: ReasonCode = 'no-seat-for-email';
/** Where the portal tells people to fix seat emails. */
const SEATS_PAGE = 'Account parameters → Seats';

for (const seatCase of SEAT_CASES) {
  test(`${seatCase.title}: the audit shows it${seatCase.blocking ? ', enabling warns' : ' (not blocking)'}, and that person's SSO login says which email to fix and where`, async ({ idp, target, driver, entryPoints }) => {
    test.info().annotations.push(
      { type: 'vendor', description: PERSONA.vendor },
      { type: 'protocol', description: PERSONA.protocol },
      { type: 'persona', description: PERSONA.id },
      { type: 'entry-point', description: 'web' },
      { type: 'seat-case', description: seatCase.id },
    );
    const [admin, ordinary, guest] = await Promise.all([idp.userByRole('admin'), idp.userByRole('ordinary'), idp.userByRole('guest-ext')]);
    const directory: Directory = { domain: idp.info.domain, admin, ordinary, guest };
    const adminSeat = seatLoginFor(admin);
    const finding = seatCase.finding(directory);
    const person = seatCase.mismatchedPerson(directory);
    const account = await target.provisionAccount({
      name: `Seats: ${seatCase.id}`,
      seats: [{ name: admin.displayName, email: adminSeat.email, role: 'admin', password: adminSeat.password }, ...seatCase.seats(directory)],
    });

    await test.step('the admin configures SSO, registers the portal at the IdP and passes Test SSO', async () => {
      const setUp = ssoSetUp(driver, idp, PERSONA);
      await driver.login.logInWithPassword(adminSeat.email, adminSeat.password);
      await setUp.enterIdpConfiguration();
      await setUp.registerAtIdp();
      await setUp.passTestSso(adminSeat);
    });

    if (seatCase.uploadsIdpExport) {
      await test.step('the admin uploads the IdP user export (CSV)', async () => {
        await driver.sso.uploadIdpUserExport(entraUserExport(await idp.users()));
      });
    }

    await test.step(`the seat email audit shows ${finding.kind} for ${finding.email}`, async () => {
      const rows = await driver.sso.seatAudit();
      const row = rows.find((shown) => shown.kind === finding.kind && shown.email === finding.email);
      expect(row, `a ${finding.kind} row for ${finding.email}; the audit shows ${JSON.stringify(rows.map(({ kind, email }) => `${kind} ${email}`))}`).toBeDefined();
      expect(row?.blocking, 'blocking').toBe(seatCase.blocking);
      expect(row?.message).toContain(finding.email);
      expect(row?.message).toContain(SEATS_PAGE);
      if (finding.says) expect(row?.message).toContain(finding.says);
    });

    if (seatCase.blocking) {
      await test.step('enabling SSO warns about it and needs "Enable SSO anyway"', async () => {
        const warnings = await driver.sso.enableSsoAnyway();
        expect(warnings.filter((warning) => warning.includes(finding.email)), `warnings: ${JSON.stringify(warnings)}`).not.toHaveLength(0);
      });
    } else {
      await test.step('enabling SSO is not held up by it (not blocking)', () => driver.sso.enableSso());
    }
    await driver.home.logOut();

    await test.step(`${person.displayName} opens OE from the IdP and is refused with ${NO_SEAT}, naming ${person.email} and where to fix it`, async () => {
      const browser = await entryPoints({ loginFlow: PERSONA.loginFlow }, ['web']).webBrowserOf(seatLoginFor(person));
      await browser.login.startSsoFromSignOnUrl(account.urls.sp.signOnUrl);
      await throughIdp(browser.page, PERSONA.loginFlow, person, browser.refusal.alert);
      await browser.refusal.expectReason(NO_SEAT);
      const details = await browser.refusal.details();
      expect(details).toContain(person.email);
      expect(details).toContain('seat email audit');
    });
  });
}
