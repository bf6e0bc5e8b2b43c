// Every persona × every entry point: with SSO configured and enabled for the account, the user
// logs in on the web admin portal, the desktop app and the mobile app (iPhone, Android), and the
// entry point is signed in as that user's seat — the portal home page says so on the web, /api/me
// with the app's access token says so in the apps.
import { PERSONAS } from '../../mock-idps/personas/index.ts';
import { PERSONA_IDS } from '../../mock-idps/types.ts';
import { selectedEntryPoints } from '../entrypoints/entryPoint.ts';
import { expect, test } from './ssoReadyAccounts.ts';

for (const personaId of PERSONA_IDS) {
  const persona = PERSONAS[personaId];

  test.describe(persona.displayName, () => {
    // In order, in one worker: the persona's SSO account is set up once and shared by its entry points.
    test.describe.configure({ mode: 'default' });

    for (const entryPointId of selectedEntryPoints()) {
      test(`the user logs in with SSO on the ${entryPointId} entry point and is signed in as their seat`, async ({ ssoReadyAccount, entryPoints }) => {
        test.info().annotations.push(
          { type: 'vendor', description: persona.vendor },
          { type: 'protocol', description: persona.protocol },
          { type: 'persona', description: persona.id },
          { type: 'entry-point', description: entryPointId },
        );
        const { account } = await test.step(`an account with ${persona.displayName} SSO configured and enabled`, () => ssoReadyAccount(personaId));
        const entryPoint = entryPoints({ loginFlow: persona.loginFlow }, [entryPointId]).get(entryPointId);

        const seat = await test.step(`the user logs in on the ${entryPoint.title}`, () => entryPoint.logIn(account.user));

        expect(seat, `the seat the ${entryPoint.title} is signed in as (${seat.seenOn})`).toMatchObject({ email: account.user.email, role: 'user', accountName: account.provisioned.name });
      });
    }
  });
}
