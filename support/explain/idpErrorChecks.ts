// An IdP error sent back to the redirect URI (OAuth 2.0 §4.1.2.1 error / error_description),
// found in a HAR. Which vendor and which situation is read from the personas' error data.
import { OIDC_PERSONAS } from '../../mock-idps/index.ts';
import type { OidcPersona, Vendor } from '../../mock-idps/index.ts';
import type { HarIdpError } from '../artefacts/har.ts';
import type { FindingDraft } from '../../reporting/index.ts';
import { FAULT } from './faultIds.ts';

const FAULT_BY_ERROR: Readonly<Partial<Record<keyof OidcPersona['errors'], string>>> = {
  userNotAssigned: FAULT.oidcUserNotAssigned,
  redirectUriMismatch: FAULT.oidcRedirectUriMismatch,
  invalidClient: FAULT.oidcClientSecretWrong,
};

/** RFC 6749 §4.1.2.1 / OIDC Core §3.1.2.6 codes every vendor uses: they do not name a vendor. */
const STANDARD_CODES = new Set([
  'invalid_request',
  'unauthorized_client',
  'access_denied',
  'unsupported_response_type',
  'invalid_scope',
  'server_error',
  'temporarily_unavailable',
  'invalid_client',
  'invalid_grant',
  'login_required',
  'consent_required',
  'interaction_required',
]);

type ErrorKey = keyof OidcPersona['errors'];

/** The persona error this IdP answer is: its message text first, then a vendor-specific code. */
function recognise(said: string): { persona: OidcPersona; key: ErrorKey } | undefined {
  const entries = OIDC_PERSONAS.flatMap((persona) =>
    (Object.keys(persona.errors) as ErrorKey[]).map((key) => ({ persona, key, error: persona.errors[key] })),
  );
  const byMessage = entries.find(({ error }) => {
    const message = error.message.split('{')[0]!.trim();
    return message.length > 12 && said.includes(message);
  });
  return byMessage ?? entries.find(({ error }) => !STANDARD_CODES.has(error.code) && said.includes(error.code));
}

export function idpErrorChecks(error: HarIdpError): { drafts: FindingDraft[]; vendor?: Vendor } {
  const said = `${error.error} ${error.description ?? ''}`;
  const where = `Sent back to ${error.url}${error.description ? `: "${error.description}"` : ''}.`;
  const known = recognise(said);
  if (known) {
    const fault = FAULT_BY_ERROR[known.key];
    return {
      vendor: known.persona.vendor,
      drafts: [
        {
          check: 'oidc.idp-error',
          severity: 'blocking',
          ...(fault ? { fault } : {}),
          reason: 'oidc-idp-error',
          title: `${known.persona.displayName} refused the login: ${error.error}`,
          detail: `${where} This is ${known.persona.displayName}'s "${known.persona.errors[known.key].code}" answer (${known.key}).`,
        },
      ],
    };
  }
  const notAssigned = /not assigned/i.test(said);
  return {
    drafts: [
      {
        check: 'oidc.idp-error',
        severity: 'blocking',
        ...(notAssigned ? { fault: FAULT.oidcUserNotAssigned } : {}),
        reason: 'oidc-idp-error',
        title: `The IdP refused the login: ${error.error}`,
        detail: where,
      },
    ],
  };
}
