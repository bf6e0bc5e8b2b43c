// Preflight check 3b: the words a remote target names refusal reasons with are mapped. A login
// started for the preflight account, whose SSO is not configured, is refused by a correct portal;
// wherever the target file says reasons can be read (header, page attribute, audit), each word
// found must map to a reason code of lib/reasons.ts — otherwise every scenario's reason would be
// "another reason". A portal that answers this start some other way (e.g. sends the browser to its
// login page) leaves nothing to check here.
import type { ProvisionedAccount } from '../../lib/index.ts';
import { reasonCodeOf } from './capabilities.ts';
import { isLoopbackHost, freshConnectionFetch } from '../../lib/index.ts';
import { PreflightError } from './preflightError.ts';
import { PREFLIGHT_HTTP_TIMEOUT_MS } from './preflightHttp.ts';
import { ProvisioningClient } from './provisioningClient.ts';
import { auditEventsAdded } from './reasonCheck.ts';
import type { RemoteTargetConfig } from './targetConfig.ts';

async function finalAnswer(start: string): Promise<{ status: number; headers: Record<string, string>; html: string } | undefined> {
  let url = start;
  for (let hop = 0; hop < 6; hop += 1) {
    if (!isLoopbackHost(new URL(url).hostname)) return undefined;
    const response = await freshConnectionFetch(url, { redirect: 'manual', signal: AbortSignal.timeout(PREFLIGHT_HTTP_TIMEOUT_MS) });
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      url = new URL(location, url).href;
      continue;
    }
    return { status: response.status, headers: Object.fromEntries(response.headers), html: await response.text() };
  }
  return undefined;
}

export async function checkReasonWords(config: RemoteTargetConfig, account: ProvisionedAccount): Promise<void> {
  const { header, attribute, audit } = config.capabilities.reasons;
  if (header === undefined && attribute === undefined && !audit) return;
  const provisioning = config.provisioning;
  const client = provisioning ? new ProvisioningClient(provisioning.url, provisioning.token) : undefined;
  const before = audit && client ? (await client.accountState(account.accountId)).auditEvents : [];
  const answer = await finalAnswer(account.urls.sp.signOnUrl).catch(() => undefined);
  if (!answer) return;
  const found: { setting: string; source: string; word: string }[] = [];
  if (header !== undefined) {
    const value = answer.headers[header.toLowerCase()];
    if (value) found.push({ setting: 'reasons.header', source: `the ${header} header`, word: value });
  }
  if (attribute !== undefined) {
    for (const match of answer.html.matchAll(new RegExp(`\\s${attribute}\\s*=\\s*["']([^"']*)["']`, 'gi')))
      found.push({ setting: 'reasons.attribute', source: `the page's ${attribute} attribute`, word: match[1] ?? '' });
  }
  if (audit && client) {
    const added = auditEventsAdded(before, (await client.accountState(account.accountId)).auditEvents);
    for (const event of added)
      if (event.reason) found.push({ setting: 'audit.reasons', source: `the audit event "${event.action}"`, word: event.reason });
  }
  const unmapped = found.filter((entry) => reasonCodeOf(config.capabilities, entry.word) === undefined);
  const [first] = unmapped;
  if (first) {
    throw new PreflightError(config, {
      setting: 'audit.reasons',
      seen: `a login started for an account whose SSO is not configured (${account.urls.sp.signOnUrl}) was refused, and ${unmapped.map((entry) => `${entry.source} names "${entry.word}"`).join('; ')}, which the target file maps to no reason code.`,
      fix: `add "audit": { "reasons": { "${first.word}": "<the reason code of lib/reasons.ts it means, e.g. sso-not-configured>" } } for every reason word the OE writes (README "Reasons and audit words").`,
    });
  }
}
