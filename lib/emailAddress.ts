// Email address rules shared by SSO login (which email did the IdP send?) and the seat audit.

const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * A deliberately plain address syntax (RFC 5321 dot-atom local part, DNS host name with at least
 * one dot): what mail systems and IdPs actually issue, without quoted local parts or IP literals.
 */
export function isEmailAddress(value: string): boolean {
  if (value.length > 254) return false;
  const at = value.lastIndexOf('@');
  if (at <= 0) return false;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.length > 64 || !LOCAL.test(local)) return false;
  const labels = domain.split('.');
  return labels.length >= 2 && labels.every((label) => LABEL.test(label)) && !/^\d+$/.test(labels[labels.length - 1] ?? '');
}

/**
 * Entra guest users carry UPNs like `alice_contoso.com#EXT#@fabrikam.onmicrosoft.com`: valid
 * syntax, but not an address anyone reads; the guest's real email is elsewhere.
 */
export function isGuestUpn(value: string): boolean {
  return value.toUpperCase().includes('#EXT#');
}

/** Lower-cased domain part (after the last @), or '' when there is none. */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).toLowerCase();
}
