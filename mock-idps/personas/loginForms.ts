// The vendors' sign-in forms as data: headings, field labels and button names of each login flow
// (Entra: email then password; Okta: username and password; Google: "Email or phone" then
// password, with "Choose an account" for accounts already signed in in the browser; Auth0:
// universal login), and each vendor's consent screen (prompt=consent). The persona pages render
// them; the suites' IdP page object fills them by label.
import type { LoginFlow } from '../types.ts';

export interface LoginForm {
  /** Heading of the identifier (or combined) step. */
  readonly heading: string;
  readonly identifierLabel: string;
  readonly identifierField: string;
  readonly passwordHeading: string;
  readonly passwordLabel: string;
  readonly passwordField: string;
  /** Button that submits the identifier step (two-step flows) or the whole form. */
  readonly nextButton: string;
  readonly submitButton: string;
  /** Both fields on one page (Okta, Auth0) or identifier first, then password (Entra, Google). */
  readonly steps: 1 | 2;
  readonly wrongCredentials: string;
  readonly unknownUser: string;
  /** The consent screen (OIDC prompt=consent): its heading (`{app}` = the client) and its two buttons. */
  readonly consent: { readonly heading: string; readonly accept: string; readonly deny: string };
}

export const LOGIN_FORMS: Readonly<Record<LoginFlow, LoginForm>> = {
  'email-then-password': {
    heading: 'Sign in', identifierLabel: 'Email, phone, or Skype', identifierField: 'loginfmt',
    passwordHeading: 'Enter password', passwordLabel: 'Password', passwordField: 'passwd',
    nextButton: 'Next', submitButton: 'Sign in', steps: 2,
    wrongCredentials: 'Your account or password is incorrect. If you don\'t remember your password, reset it now.',
    unknownUser: 'This username may be incorrect. Make sure you typed it correctly. Otherwise, contact your admin.',
    consent: { heading: 'Permissions requested', accept: 'Accept', deny: 'Cancel' },
  },
  'username-and-password': {
    heading: 'Sign In', identifierLabel: 'Username', identifierField: 'identifier',
    passwordHeading: 'Sign In', passwordLabel: 'Password', passwordField: 'credentials.passcode',
    nextButton: 'Sign in', submitButton: 'Sign in', steps: 1,
    wrongCredentials: 'Unable to sign in', unknownUser: 'Unable to sign in',
    consent: { heading: '{app} would like to:', accept: 'Allow Access', deny: 'Don\'t Allow' },
  },
  'account-chooser': {
    heading: 'Sign in', identifierLabel: 'Email or phone', identifierField: 'identifier',
    passwordHeading: 'Welcome', passwordLabel: 'Enter your password', passwordField: 'Passwd',
    nextButton: 'Next', submitButton: 'Next', steps: 2,
    wrongCredentials: 'Wrong password. Try again or click Forgot password to reset it.',
    unknownUser: 'Couldn\'t find your Google Account',
    consent: { heading: '{app} wants access to your Google Account', accept: 'Allow', deny: 'Cancel' },
  },
  'universal-login': {
    heading: 'Welcome', identifierLabel: 'Email address', identifierField: 'username',
    passwordHeading: 'Welcome', passwordLabel: 'Password', passwordField: 'password',
    nextButton: 'Continue', submitButton: 'Continue', steps: 1,
    wrongCredentials: 'Wrong email or password.', unknownUser: 'Wrong email or password.',
    consent: { heading: 'Authorize {app}', accept: 'Accept', deny: 'Decline' },
  },
};
