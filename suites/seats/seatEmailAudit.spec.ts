// Seat email audit (DESIGN lifecycle step 6), one test per kind of problem: the audit in IdP and
// SSO shows it (its kind checked where the target maps its words), enabling SSO warns about it
// ("anyway"), and the person it concerns, opening OE from the IdP, is refused with a message naming
// the email the IdP sent.
import type { ReasonCode } from '../../lib/index.ts';
import { PERSONAS } from '../../mock-idps/index.ts';
import { expect, test } from '../entrypoints/fixtures.ts';
import { ssoSetUp } from '../flows/ssoSetUp.ts';
import { seatLoginFor } from '../flows/testAccount.ts';
import { throughIdp } from '../idp/idpSignIn.ts';
import { watchRefusal } from '../driver/refusalReason.ts';
import { expectOnPortal } from '../entrypoints/entryPoint.ts';
import { ANNOTATION } from '../../reporting/index.ts';
import { entraUserExport } from './idpUserExport.ts';
import { SEAT_CASES, type Directory } from './seatCases.ts';

/** Guest #EXT# UPNs are Entra's; the audit itself does not depend on the protocol. */
const PERSONA = PERSONAS['entra-saml'];
const NO_SEAT: ReasonCode = 'no-seat-for-email';

for (const seatCase of SEAT_CASES) {
  test(`${seatCase.title}: the audit shows it${seatCase.blocking ? ', enabling warns' : ' (not blocking)'}, and that person's SSO login says which email it got`, async ({
    idp,
    target,
    page,
    entryPoints,
    evidence,
  }) => {
    test
      .info()
      .annotations.push(
        { type: 'vendor', description: PERSONA.vendor },
        { type: 'protocol', description: PERSONA.protocol },
        { type: 'persona', description: PERSONA.id },
        { type: 'entry-point', description: 'web' },
        { type: 'seat-case', description: seatCase.id },
      );
    const [admin, ordinary, guest] = await Promise.all([idp.userByRole('admin'), idp.userByRole('ordinary'), idp.userByRole('guest-ext')]);
    const directory: Directory = { domain: idp.info.domain, admin, ordinary, guest };
    const adminSeat = seatLoginFor(admin);
    // This account is the test's own, not the account fixture's: its admin's password goes to the ledger here.
    evidence.record('password', adminSeat.password);
    const finding = seatCase.finding(directory);
    const person = seatCase.mismatchedPerson(directory);
    const account = await target.provisionAccount({
      name: `Seats: ${seatCase.id}`,
      seats: [
        { name: admin.displayName, email: adminSeat.email, role: 'admin', password: adminSeat.password },
        ...seatCase.seats(directory),
      ],
    });
    const driver = target.driver(page, account);

    await test.step('the admin configures SSO, registers the portal at the IdP and passes Test SSO', async () => {
      const setUp = ssoSetUp(driver, idp, PERSONA);
      await driver.login.logInWithPassword(adminSeat.email, adminSeat.password);
      await setUp.enterIdpConfiguration();
      await setUp.registerAtIdp();
      await setUp.passTestSso(adminSeat.idpUser);
    });

    if (seatCase.uploadsIdpExport) {
      await test.step('the admin uploads the IdP user export (CSV)', async () => {
        await driver.sso.uploadIdpUserExport(entraUserExport(await idp.users()));
      });
    }

    await test.step(`the seat email audit shows ${finding.kind} for ${finding.email}`, async () => {
      const rows = await driver.sso.seatAudit();
      const about = rows.filter((shown) => shown.text.includes(finding.email));
      expect(
        about,
        `a finding naming ${finding.email}; the audit shows ${JSON.stringify(rows.map((shown) => shown.text))}`,
      ).not.toHaveLength(0);
      if (target.capabilities.seatAuditKinds) {
        const row = about.find((shown) => shown.kind === finding.kind);
        expect(
          row,
          `a ${finding.kind} finding for ${finding.email} (the target's words mapped: "seatAuditKinds"); findings naming it: ${JSON.stringify(about.map((shown) => shown.text))}`,
        ).toBeDefined();
        expect(row?.blocking, 'blocking').toBe(seatCase.blocking);
      } else {
        test.info().annotations.push({
          type: ANNOTATION.notVerifiable,
          description: `seat audit kind ${finding.kind}: the target maps no words to kinds ("seatAuditKinds" in its target file)`,
        });
        expect(
          about.some((shown) => shown.blocking === seatCase.blocking),
          `a ${seatCase.blocking ? 'blocking' : 'non-blocking'} finding naming ${finding.email}`,
        ).toBe(true);
      }
    });

    if (seatCase.blocking) {
      await test.step('enabling SSO warns about it and needs the "anyway" confirmation', async () => {
        const warnings = await driver.sso.enableSsoAnyway();
        expect(
          warnings.filter((warning) => warning.includes(finding.email)),
          `warnings: ${JSON.stringify(warnings)}`,
        ).not.toHaveLength(0);
      });
    } else {
      await test.step('enabling SSO is not held up by it (not blocking)', async () => {
        const warnings = await driver.sso.enableSso();
        expect(
          warnings.filter((warning) => warning.includes(finding.email)),
          `warnings: ${JSON.stringify(warnings)}`,
        ).toHaveLength(0);
      });
    }
    await driver.home.logOut();

    await test.step(`${person.displayName} opens OE from the IdP and is refused (${NO_SEAT}), naming ${person.email}`, async () => {
      const browser = await entryPoints({ loginFlow: PERSONA.loginFlow, account }, ['web']).webBrowserOf(seatLoginFor(person));
      const watch = await watchRefusal(target, account.accountId, browser.page);
      const sessionsBefore = (await browser.accountState()).seatSessions;
      await browser.login.startSsoFromSignOnUrl();
      await throughIdp(browser.page, PERSONA.loginFlow, person, browser.refusal.alert.first());
      await expectOnPortal(browser, `the SSO login of ${person.email}`);
      expect(await browser.refusal.text(), 'the refusal names the email the IdP sent').toContain(person.email);
      expect((await browser.accountState()).seatSessions, 'no seat is logged in').toBe(sessionsBefore);
      await watch.judge([NO_SEAT], `SSO login of ${person.email} refused`);
    });
  });
}
