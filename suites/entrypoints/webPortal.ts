// The web admin portal in desktop Chromium: the person's own browser, email first, then the IdP.
// Signed in = the portal shows its log-out control and the target has a live SSO session of the seat.
import type { LoginFlow } from '../../mock-idps/index.ts';
import { watchRefusal } from '../driver/refusalReason.ts';
import type { PortalDriver } from '../driver/portalDriver.ts';
import type { SeatLogin } from '../fixtures.ts';
import { throughIdp } from '../idp/idpSignIn.ts';
import type { HarnessTarget } from '../target/harnessTarget.ts';
import { describeSymptom, expectOnPortal, symptomShown, type EntryPoint } from './entryPoint.ts';

export function webPortal(options: {
  readonly target: HarnessTarget;
  readonly loginFlow: LoginFlow;
  readonly person: (seat: SeatLogin) => Promise<PortalDriver>;
}): EntryPoint {
  const { loginFlow, person, target } = options;
  return {
    id: 'web',
    title: 'web admin portal',
    async logIn(seat) {
      const browser = await person(seat);
      await browser.login.continueWith(seat.email);
      await throughIdp(browser.page, loginFlow, seat.idpUser, browser.home.logOutControl);
      await browser.home.expectSignedIn(seat.email, 'sso');
      return { email: seat.email, seenOn: 'the portal page and its live sessions' };
    },
    async expectFails(seat, symptom) {
      const browser = await person(seat);
      const watch = await watchRefusal(target, browser.account.accountId, browser.page);
      await browser.login.continueWith(seat.email);
      await throughIdp(browser.page, loginFlow, seat.idpUser, symptomShown(browser, symptom));
      if (symptom.at === 'portal') await expectOnPortal(browser, `the web login of ${seat.email}`);
      if (symptom.at === 'portal') await watch.judge([symptom.reason], `web login of ${seat.email} refused (${describeSymptom(symptom)})`);
      return { symptom, shown: (await browser.page.locator('body').innerText()).trim() };
    },
    async logOut(seat) {
      await (await person(seat)).home.logOut();
    },
  };
}
