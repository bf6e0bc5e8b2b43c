// Preflight checks 1 to 3 of a remote target, over plain HTTP: the OE answers at baseUrl, the
// provisioning API accepts the token and speaks contract 2, and a preflight account provisioned
// through it comes back with every URL and field the suites use. Only loopback addresses are ever
// contacted: the mock IdPs listen on 127.0.0.1, so an OE build that could use them runs on this machine.
import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import {
  isLoopbackAddress,
  HARNESS_CONTRACT_VERSION,
  HARNESS_PATHS,
  type ProvisionedAccount,
  freshConnectionFetch,
} from '../../lib/index.ts';
import { accountStateProblems, provisionedAccountProblems } from './contractCheck.ts';
import { PreflightError, missingProvisioning } from './preflightError.ts';
import { ProvisioningClient } from './provisioningClient.ts';
import type { RemoteTargetConfig } from './targetConfig.ts';

export const PREFLIGHT_HTTP_TIMEOUT_MS = 5_000;

const LOOPBACK_REMINDER = 'The mock IdPs listen on 127.0.0.1 only, so the OE build under test must run on this machine.';

/** What a failed fetch means, in words (undici puts the system error code in `cause`). */
export function describeFetchFailure(error: unknown, url: string, timeoutMs: number): string {
  const failure = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  const { host } = new URL(url);
  if (failure.name === 'TimeoutError' || failure.name === 'AbortError')
    return `GET ${url} got no answer within ${timeoutMs / 1000} s (something accepts connections on ${host} but does not answer).`;
  const code = failure.cause?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return `GET ${url}: connection refused, nothing listens on ${host}.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `GET ${url}: the host name ${new URL(url).hostname} is not known (${code}).`;
    case 'ECONNRESET':
      return `GET ${url}: the connection was reset by ${host} before an answer came (is it speaking HTTP${url.startsWith('https:') ? 'S' : ''}?).`;
    default:
      return `GET ${url} failed: ${code ?? failure.cause?.message ?? failure.message ?? String(error)}.`;
  }
}

/** Refuse a URL whose host is not on loopback, before any request goes there. */
async function requireLoopback(config: RemoteTargetConfig, setting: string, url: string): Promise<void> {
  const hostname = new URL(url).hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(hostname) ? [hostname] : (await lookup(hostname, { all: true })).map((entry) => entry.address);
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'lookup failed';
    throw new PreflightError(config, {
      setting,
      seen: `the host name ${hostname} of ${url} is not known (${code}).`,
      fix: `set "${setting}" to the URL the OE build listens on, e.g. http://127.0.0.1:8080. ${LOOPBACK_REMINDER}`,
    });
  }
  const outside = addresses.filter((address) => !isLoopbackAddress(address));
  if (outside.length > 0) {
    throw new PreflightError(config, {
      setting,
      seen: `${hostname} resolves to ${outside.join(', ')}, which is not a loopback address; the harness sends nothing off this machine.`,
      fix: `run the OE build on this machine and set "${setting}" to its loopback URL, e.g. http://127.0.0.1:8080. ${LOOPBACK_REMINDER}`,
    });
  }
}

/** Check 1: `GET ${baseUrl}` answers 2xx with an HTML page (redirects followed on loopback only). */
export async function checkBaseUrl(config: RemoteTargetConfig, timeoutMs = PREFLIGHT_HTTP_TIMEOUT_MS): Promise<void> {
  const fix = `start the OE build and set "baseUrl" to the URL its portal answers at (e.g. http://127.0.0.1:8080). ${LOOPBACK_REMINDER}`;
  let url = `${config.baseUrl}/`;
  for (let hop = 0; ; hop += 1) {
    await requireLoopback(config, 'baseUrl', url);
    let response: Response;
    try {
      response = await freshConnectionFetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new PreflightError(config, { setting: 'baseUrl', seen: describeFetchFailure(error, url, timeoutMs), fix });
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location && hop < 5) {
      await response.body?.cancel();
      url = new URL(location, url).href;
      continue;
    }
    const type = response.headers.get('content-type') ?? '(none)';
    await response.body?.cancel();
    if (response.status < 200 || response.status > 299) {
      throw new PreflightError(config, {
        setting: 'baseUrl',
        seen: `GET ${url} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}, not a portal page.`,
        fix,
      });
    }
    if (!/^text\/html\b/i.test(type)) {
      throw new PreflightError(config, {
        setting: 'baseUrl',
        seen: `GET ${url} answered ${response.status} with content-type ${type}, not an HTML page.`,
        fix,
      });
    }
    return;
  }
}

/** Check 2: the provisioning API answers `GET /_harness/health` with the token. */
export async function checkProvisioning(config: RemoteTargetConfig, timeoutMs = PREFLIGHT_HTTP_TIMEOUT_MS): Promise<void> {
  const settings = config.provisioning;
  if (!settings) throw missingProvisioning(config);
  const url = `${settings.url}${HARNESS_PATHS.health}`;
  const apiMissing = `start the OE test environment with its harness provisioning API turned on (the reference portal: sso-harness portal serve --harness-token TOKEN), or set "provisioning.url" to where that API is served (default: baseUrl).`;
  await requireLoopback(config, 'provisioning.url', url);
  let response: Response;
  try {
    response = await new ProvisioningClient(settings.url, settings.token).call('GET', HARNESS_PATHS.health, { timeoutMs });
  } catch (error) {
    throw new PreflightError(config, { setting: 'provisioning.url', seen: describeFetchFailure(error, url, timeoutMs), fix: apiMissing });
  }
  const body = await response.text().catch(() => '');
  if (response.status === 401 || response.status === 403) {
    throw new PreflightError(config, {
      setting: 'provisioning.token',
      seen: `GET ${url} answered ${response.status}: the provisioning API refused the token.`,
      fix: 'set "provisioning.token" to the Bearer token the OE test environment\'s provisioning API was started with (the reference portal: its --harness-token).',
    });
  }
  if (response.status === 404) {
    throw new PreflightError(config, {
      setting: 'provisioning.url',
      seen: `GET ${url} answered 404: this OE build has no provisioning API at ${settings.url}.`,
      fix: apiMissing,
    });
  }
  let health: { ok?: unknown; contract?: unknown } = {};
  try {
    health = JSON.parse(body) as typeof health;
  } catch {
    health = {};
  }
  const healthy = health.ok === true;
  if (response.status !== 200 || !healthy) {
    throw new PreflightError(config, {
      setting: 'provisioning.url',
      seen: `GET ${url} answered ${response.status} ${healthy ? '' : 'without the JSON { "ok": true } the contract asks for'}`.trim() + '.',
      fix: apiMissing,
    });
  }
  if (typeof health.contract !== 'number' || health.contract < HARNESS_CONTRACT_VERSION) {
    throw new PreflightError(config, {
      setting: "provisioning (the OE's provisioning API)",
      seen: `GET ${url} answered { "ok": true } ${typeof health.contract === 'number' ? `with "contract": ${health.contract}` : 'without "contract"'}; this harness needs contract ${HARNESS_CONTRACT_VERSION} (account URLs for every page and endpoint, live sessions per seat).`,
      fix: `implement contract ${HARNESS_CONTRACT_VERSION} of the provisioning API (README "The provisioning contract", lib/harnessContract.ts) and answer health with "contract": ${HARNESS_CONTRACT_VERSION}.`,
    });
  }
}

const CONTRACT_FIX =
  'make the OE\'s provisioning API answer as the contract says (README "The provisioning contract", lib/harnessContract.ts).';

/**
 * Check 3: provision a preflight account (an admin with a password, a user) and read it back; the
 * answers must carry every URL and field the suites use. Returns the account and its admin's login.
 */
export async function provisionPreflightAccount(
  config: RemoteTargetConfig,
): Promise<{ account: ProvisionedAccount; admin: { email: string; password: string } }> {
  const settings = config.provisioning;
  if (!settings) throw missingProvisioning(config);
  const client = new ProvisioningClient(settings.url, settings.token);
  const domain = `preflight-${randomBytes(4).toString('hex')}.example`;
  const admin = { email: `ada.admin@${domain}`, password: `preflight-${randomBytes(9).toString('base64url')}-TEST` };
  const where = `POST ${settings.url}${HARNESS_PATHS.accounts}`;
  let answer: unknown;
  try {
    answer = await client.createAccount({
      name: 'Harness preflight',
      ssoDomains: [domain],
      seats: [
        { name: 'Ada Admin', email: admin.email, role: 'admin', password: admin.password },
        { name: 'Uma User', email: `uma.user@${domain}`, role: 'user', password: `${admin.password}-user` },
      ],
    });
  } catch (error) {
    throw new PreflightError(config, {
      setting: "provisioning (the OE's provisioning API)",
      seen: `${where} failed: ${(error as Error).message}`,
      fix: CONTRACT_FIX,
    });
  }
  const accountProblems = provisionedAccountProblems(answer);
  if (accountProblems.length > 0) {
    throw new PreflightError(config, {
      setting: "provisioning (the OE's provisioning API)",
      seen: `${where} answered without what the suites need: ${accountProblems.join('; ')}.`,
      fix: CONTRACT_FIX,
    });
  }
  const account = answer as ProvisionedAccount;
  const stateWhere = `GET ${settings.url}${HARNESS_PATHS.account(account.accountId)}`;
  let state: unknown;
  try {
    state = await client.accountState(account.accountId);
  } catch (error) {
    throw new PreflightError(config, {
      setting: "provisioning (the OE's provisioning API)",
      seen: `${stateWhere} failed: ${(error as Error).message}`,
      fix: CONTRACT_FIX,
    });
  }
  const stateProblems = accountStateProblems(state);
  if (stateProblems.length > 0) {
    throw new PreflightError(config, {
      setting: "provisioning (the OE's provisioning API)",
      seen: `${stateWhere} answered without what the suites need: ${stateProblems.join('; ')}.`,
      fix: CONTRACT_FIX,
    });
  }
  if (config.capabilities.ssoConfigApi) {
    const response = await client
      .call('PUT', HARNESS_PATHS.accountSso(account.accountId), { body: {}, timeoutMs: PREFLIGHT_HTTP_TIMEOUT_MS })
      .catch((error: unknown) => error as Error);
    const status = response instanceof Response ? response.status : undefined;
    if (response instanceof Response) await response.body?.cancel();
    if (status !== 400 && status !== 422) {
      throw new PreflightError(config, {
        setting: 'provisioning.ssoConfig',
        seen: `the target file declares the fast SSO-configuration endpoint, but PUT ${settings.url}${HARNESS_PATHS.accountSso(account.accountId)} with an empty body answered ${status ?? (response as Error).message} instead of refusing it (400 or 422).`,
        fix: 'remove "ssoConfig" from "provisioning" (the suites then configure SSO through the admin UI), or offer PUT /_harness/accounts/{id}/sso as the contract describes.',
      });
    }
  }
  return { account, admin };
}
