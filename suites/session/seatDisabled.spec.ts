// A seat disabled while its person is logged in (an employee leaves; the admin, a seat import or
// the directory sync disables the seat) loses its access at once, not when its session or token
// would have expired: its web session opens no portal page, the portal lists no live session of
// it, and its desktop app's access token is refused at userinfo. The seat is disabled through the
// optional provisioning call (`PATCH …/seats/{id}`); verdicts from what any portal shows.
import { PERSONAS } from '../../mock-idps/index.ts';
import { liveSessionsOf } from '../driver/liveSessions.ts';
import { expect, test } from '../entrypoints/fixtures.ts';
import { fetchMe } from '../entrypoints/nativeClient.ts';
import { ssoOnForSuite } from '../flows/ssoByApi.ts';
import { RULE } from '../login/ruleTags.ts';

const persona = PERSONAS['okta-saml'];

test(
  "a seat disabled while logged in loses its web session and its desktop app's token at once",
  {
    tag: RULE.seatDisabled,
  },
  async ({ target, account, idp, driver, entryPoints }) => {
    test.info().annotations.push(
      ...['disabled-seat-app-tokens-live', 'disabled-seat-checked-at-login-only'].map((id) => ({
        type: 'caught-defect',
        description: id,
      })),
      { type: 'persona', description: persona.id },
      { type: 'entry-point', description: 'web, desktop' },
      {
        type: 'spec',
        description:
          'OWASP ASVS 4.0.3 §3.3.3–3.3.4 (sessions and tokens of a changed or removed account end), RFC 7009 / RFC 6819 §5.1.5 (token revocation): access ends when the seat is disabled, not when it expires',
      },
    );
    const seatId = account.provisioned.seats.find((seat) => seat.email.toLowerCase() === account.user.email.toLowerCase())?.id;
    if (seatId === undefined) throw new Error(`The provisioning answer lists no seat for ${account.user.email}.`);
    await ssoOnForSuite(target, driver, idp, persona, account.admin);
    const opened = entryPoints({ loginFlow: persona.loginFlow, account: account.provisioned }, ['web', 'desktop']);
    const userinfo = account.provisioned.urls.native.userinfo;
    const liveSessions = (): Promise<number> => liveSessionsOf(driver, account.user.email);

    const accessToken = await test.step('the user logs in on the web and in the desktop app (SSO); both work', async () => {
      await opened.get('web').logIn(account.user);
      const signedIn = await (await opened.nativeApp('desktop', account.user)).signIn(account.user);
      expect((await fetchMe(userinfo, signedIn.accessToken)).ok, "the desktop app's userinfo with its token").toBe(true);
      expect(await liveSessions(), `live web sessions of ${account.user.email}`).toBeGreaterThan(0);
      return signedIn.accessToken;
    });

    await test.step('the seat is disabled', async () => {
      test.skip(
        !(await target.setSeatDisabled(account.id, seatId, true)),
        'The provisioning API offers no seat change (PATCH /_harness/accounts/{id}/seats/{seatId}): a seat cannot be disabled by the harness.',
      );
    });

    await test.step("the user's browser opens the portal: not logged in; the portal lists no live session of the seat", async () => {
      const web = await opened.webBrowserOf(account.user);
      await web.page.goto(account.provisioned.urls.portal);
      await expect(
        web.login.email.or(web.refusal.alert).or(web.home.logOutControl).first(),
        'the portal answers: a login page, a refusal or a logged-in page',
      ).toBeVisible();
      await expect.soft(web.home.logOutControl, 'a logged-in page for the disabled seat').toHaveCount(0);
      expect.soft(await liveSessions(), `live web sessions of the disabled seat ${account.user.email}`).toBe(0);
    });

    await test.step('the desktop app calls userinfo with its token: refused', async () => {
      const me = await fetchMe(userinfo, accessToken);
      expect.soft(me.ok, `userinfo with the desktop app's token of the disabled seat (answered ${me.ok ? 200 : me.status})`).toBe(false);
    });
  },
);
