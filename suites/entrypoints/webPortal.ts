// The web admin portal in desktop Chromium: the person's own browser, email first, then the IdP.
import type { LoginFlow } from '../../mock-idps/types.ts';
import type { PortalDriver } from '../driver/portalDriver.ts';
import type { SeatLogin } from '../fixtures.ts';
import { throughIdp } from '../idp/idpSignIn.ts';
import { symptomShown, type EntryPoint } from './entryPoint.ts';

export function webPortal(options: { readonly loginFlow: LoginFlow; readonly person: (seat: SeatLogin) => Promise<PortalDriver> }): EntryPoint {
  const { loginFlow, person } = options;
  return {
    id: 'web',
    title: 'web admin portal',
    async logIn(seat) {
      const browser = await person(seat);
      await browser.login.continueWith(seat.email);
      await throughIdp(browser.page, loginFlow, seat.idpUser, browser.home.signedInAs);
      const signedIn = await browser.home.signedInSeat();
      if (signedIn.via !== 'single sign-on') throw new Error(`The portal home page says ${signedIn.email} is signed in with ${signedIn.via}, not with single sign-on.`);
      return { email: signedIn.email, role: signedIn.role, accountName: signedIn.accountName, seenOn: 'home page' };
    },
    async expectFails(seat, symptom) {
      const browser = await person(seat);
      await browser.login.continueWith(seat.email);
      await throughIdp(browser.page, loginFlow, seat.idpUser, symptomShown(browser, symptom));
      return { symptom, shown: (await browser.page.locator('body').innerText()).trim() };
    },
    async logOut(seat) {
      await (await person(seat)).home.logOut();
    },
  };
}
