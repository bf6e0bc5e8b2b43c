// Which email a SAML assertion carries, in a documented order:
// 1. the attribute configured in "Email comes from" (when set, it is the only source: an explicit
//    choice must not silently fall back to something else);
// 2. otherwise the NameID, when its Format is emailAddress or its value is an email;
// 3. otherwise the vendor preset's usual attributes (Entra: the emailaddress claim URI, …).
// An Entra guest UPN (`…#EXT#@…`) is never taken as the email, wherever it appears.
import type { SamlSettings } from './contract.ts';
import { isEmailAddress, isGuestUpn } from '../../lib/index.ts';
import type { AssertionView } from './samlAssertion.ts';
import { SAML_EMAIL_ATTRIBUTES } from './vendors.ts';

const NAMEID_EMAIL = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';

export type SamlEmail =
  | { readonly ok: true; readonly email: string; readonly source: string; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly detail: string };

function firstValue(value: string | readonly string[] | undefined): string | undefined {
  return (typeof value === 'string' ? value : value?.[0])?.trim();
}

export function resolveSamlEmail(settings: SamlSettings, assertion: AssertionView): SamlEmail {
  const warnings: string[] = [];
  const guest = (value: string, where: string): boolean => {
    if (!isGuestUpn(value)) return false;
    warnings.push(`${where} is an Entra guest UPN (${value}), which is not the user's email: it was ignored.`);
    return true;
  };

  if (settings.emailAttribute) {
    const value = firstValue(assertion.attributes[settings.emailAttribute]);
    if (value !== undefined && isEmailAddress(value) && !guest(value, `Attribute ${settings.emailAttribute}`)) {
      return { ok: true, email: value, source: `attribute ${settings.emailAttribute}`, warnings };
    }
    return {
      ok: false,
      detail:
        value === undefined
          ? `The attribute "${settings.emailAttribute}" configured as the email source is not in the assertion. Attributes received: ${describeAttributes(assertion)}.`
          : `The attribute "${settings.emailAttribute}" configured as the email source holds "${value}", which is not a usable email address.`,
    };
  }

  const nameId = assertion.nameId;
  if (nameId && nameId.value !== '') {
    const declared = nameId.format === NAMEID_EMAIL;
    if ((declared || isEmailAddress(nameId.value)) && !guest(nameId.value, 'The NameID')) {
      if (isEmailAddress(nameId.value))
        return { ok: true, email: nameId.value, source: declared ? 'NameID (emailAddress)' : 'NameID (value is an email)', warnings };
      warnings.push(`The NameID declares the emailAddress format but holds "${nameId.value}", which is not an email address.`);
    }
  }

  for (const name of SAML_EMAIL_ATTRIBUTES[settings.vendor]) {
    const value = firstValue(assertion.attributes[name]);
    if (value !== undefined && isEmailAddress(value) && !guest(value, `Attribute ${name}`)) {
      return { ok: true, email: value, source: `attribute ${name}`, warnings };
    }
  }
  return {
    ok: false,
    detail: `No email address in the assertion: the NameID ${nameId ? `(${nameId.format ?? 'no Format'}) is not an email` : 'is absent'}, and none of the attributes ${SAML_EMAIL_ATTRIBUTES[settings.vendor].join(', ')} carries one. Attributes received: ${describeAttributes(assertion)}.${warnings.length > 0 ? ` ${warnings.join(' ')}` : ''}`,
  };
}

function describeAttributes(assertion: AssertionView): string {
  const names = Object.keys(assertion.attributes);
  return names.length === 0 ? 'none' : names.join(', ');
}
