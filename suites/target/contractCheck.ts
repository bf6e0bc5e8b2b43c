// Does an OE's provisioning answer follow the contract (lib/harnessContract.ts)? Every URL the
// suites will open must be there, absolute, and on this machine; the native clients declared; the
// account state readable. Each problem is named by its JSON path, so the OE team knows what to add.
import type { AccountState, ProvisionedAccount } from '../../lib/index.ts';
import { isLoopbackHost } from '../../lib/index.ts';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const REQUIRED_URLS = ['portal', 'login', 'accountParameters', 'support', 'supportAccount'] as const;
const OPTIONAL_URLS = ['passwordLogin', 'auditLog', 'seats'] as const;
const SP_URLS = ['entityId', 'acsUrl', 'metadataUrl', 'signOnUrl', 'oidcRedirectUri'] as const;
const NATIVE_URLS = ['authorize', 'token', 'userinfo'] as const;

function checkUrl(problems: string[], path: string, value: unknown, required: boolean): void {
  if (value === undefined && !required) return;
  if (typeof value !== 'string' || value === '') {
    problems.push(`${path} is missing`);
    return;
  }
  let url: URL;
  try {
    url = new URL(value.replace('{email}', 'e'));
  } catch {
    problems.push(`${path} is not an absolute URL ("${value.slice(0, 120)}")`);
    return;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') problems.push(`${path} is not an http(s) URL ("${value.slice(0, 120)}")`);
  else if (!isLoopbackHost(url.hostname))
    problems.push(`${path} points off this machine (${url.hostname}); the OE build under test runs on loopback`);
}

/** Problems of a `POST /_harness/accounts` answer, by JSON path (empty: it follows the contract). */
export function provisionedAccountProblems(answer: unknown): string[] {
  const problems: string[] = [];
  if (!isRecord(answer)) return ['the answer is not a JSON object'];
  if (typeof answer.accountId !== 'number' || !Number.isSafeInteger(answer.accountId)) problems.push('accountId is not an integer');
  if (!Array.isArray(answer.seats)) problems.push('seats is not an array');
  const urls = answer.urls;
  if (!isRecord(urls)) {
    problems.push('urls is missing');
  } else {
    for (const key of REQUIRED_URLS) checkUrl(problems, `urls.${key}`, urls[key], true);
    for (const key of OPTIONAL_URLS) checkUrl(problems, `urls.${key}`, urls[key], false);
    if (typeof urls.passwordLogin === 'string' && !urls.passwordLogin.includes('{email}'))
      problems.push('urls.passwordLogin has no {email} placeholder');
    const sp = urls.sp;
    if (!isRecord(sp)) problems.push('urls.sp is missing');
    else for (const key of SP_URLS) checkUrl(problems, `urls.sp.${key}`, sp[key], true);
    const native = urls.native;
    if (!isRecord(native)) problems.push("urls.native is missing (the native apps' authorize, token and userinfo endpoints)");
    else for (const key of NATIVE_URLS) checkUrl(problems, `urls.native.${key}`, native[key], true);
  }
  const returnTo = answer.returnTo;
  if (
    returnTo !== undefined &&
    (!isRecord(returnTo) || typeof returnTo.parameter !== 'string' || !/^[A-Za-z0-9_.~-]+$/.test(returnTo.parameter))
  )
    problems.push('returnTo must be { "parameter": "<the query parameter naming the page to land on after login>" }, or left out');
  const clients = answer.nativeClients;
  if (!isRecord(clients)) {
    problems.push("nativeClients is missing (the desktop and mobile apps' client ids)");
  } else {
    const desktop = clients.desktop;
    const mobile = clients.mobile;
    if (!isRecord(desktop) || typeof desktop.clientId !== 'string' || desktop.clientId === '')
      problems.push('nativeClients.desktop.clientId is missing');
    if (!isRecord(mobile) || typeof mobile.clientId !== 'string' || mobile.clientId === '')
      problems.push('nativeClients.mobile.clientId is missing');
    const redirect = isRecord(mobile) ? mobile.redirectUri : undefined;
    // RFC 8252 §7.1: a private-use scheme in reverse domain name notation, e.g. com.example.app:/callback.
    if (typeof redirect !== 'string' || !/^[a-z][a-z0-9+-]*(\.[a-z0-9+-]+)+:\/[^/]/i.test(redirect))
      problems.push(
        'nativeClients.mobile.redirectUri is not a private-use scheme URI such as com.example.app:/oauth2redirect (RFC 8252 §7.1)',
      );
  }
  return problems;
}

/** Problems of a `GET /_harness/accounts/{id}` answer (empty: it follows the contract). */
export function accountStateProblems(answer: unknown): string[] {
  const problems: string[] = [];
  if (!isRecord(answer)) return ['the answer is not a JSON object'];
  const sso = answer.sso;
  if (
    !isRecord(sso) ||
    typeof sso.enabled !== 'boolean' ||
    typeof sso.currentVersionPassedTest !== 'boolean' ||
    !('version' in sso) ||
    !('protocol' in sso)
  )
    problems.push('sso must be { enabled, version, protocol, currentVersionPassedTest }');
  if (typeof answer.seatSessions !== 'number') problems.push('seatSessions is not a number');
  const sessions = answer.sessions;
  if (
    !Array.isArray(sessions) ||
    !sessions.every(
      (session) => isRecord(session) && typeof session.email === 'string' && (session.method === 'sso' || session.method === 'password'),
    )
  ) {
    problems.push('sessions must list the live web sessions of seats as [{ "email", "method": "sso" | "password" }]');
  } else if (typeof answer.seatSessions === 'number' && sessions.length !== answer.seatSessions) {
    problems.push(`sessions lists ${sessions.length} session(s) but seatSessions says ${answer.seatSessions}`);
  }
  const events = answer.auditEvents;
  if (
    !Array.isArray(events) ||
    !events.every(
      (event) =>
        isRecord(event) &&
        typeof event.action === 'string' &&
        isRecord(event.actor) &&
        typeof event.actor.kind === 'string' &&
        typeof event.actor.label === 'string',
    )
  ) {
    problems.push('auditEvents must be [{ "at", "action", "actor": { "kind", "label" }, "detail", "reason" }]');
  }
  return problems;
}

export type ContractAnswers = { readonly account: ProvisionedAccount; readonly state: AccountState };
