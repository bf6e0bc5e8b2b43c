// Every persona × every entry point: with SSO configured and enabled for the account, the user
// logs in on the web admin portal, the desktop app and the mobile app (iPhone, Android), and the
// entry point is signed in as that user's seat — the portal's live sessions say so on the web, the
// app's userinfo with its access token says so in the apps.
import { PERSONAS, PERSONA_IDS } from '../../mock-idps/index.ts';
import { selectedEntryPoints } from '../entrypoints/entryPoint.ts';
import { expect, test } from '../entrypoints/fixtures.ts';

for (const personaId of PERSONA_IDS) {
  const persona = PERSONAS[personaId];

  test.describe(persona.displayName, () => {
    // In order, in one worker: the persona's SSO account is set up once and shared by its entry points.
    test.describe.configure({ mode: 'default' });

    for (const entryPointId of selectedEntryPoints()) {
      test(`the user logs in with SSO on the ${entryPointId} entry point and is signed in as their seat`, async ({
        ssoReadyAccount,
        entryPoints,
      }) => {
        test
          .info()
          .annotations.push(
            { type: 'vendor', description: persona.vendor },
            { type: 'protocol', description: persona.protocol },
            { type: 'persona', description: persona.id },
            { type: 'entry-point', description: entryPointId },
          );
        const { account } = await test.step(`an account with ${persona.displayName} SSO configured and enabled`, () =>
          ssoReadyAccount(personaId));
        const entryPoint = entryPoints({ loginFlow: persona.loginFlow, account: account.provisioned }, [entryPointId]).get(entryPointId);

        const seat = await test.step(`the user logs in on the ${entryPoint.title}`, () => entryPoint.logIn(account.user));

        expect(seat.email.toLowerCase(), `the seat the ${entryPoint.title} is signed in as (${seat.seenOn})`).toBe(
          account.user.email.toLowerCase(),
        );
        // Where the entry point reports more of the seat, it must be this one's.
        if (seat.role !== undefined) expect(seat.role, `the role the ${entryPoint.title} reports`).toBe('user');
        if (seat.accountName !== undefined)
          expect(seat.accountName, `the account the ${entryPoint.title} reports`).toBe(account.provisioned.name);
      });
    }
  });
}
