// Harness API: save an account's SSO configuration (and optionally switch SSO on or off) without
// the browser, so a tool (`sso-harness repro`) can stand up an account in a given state quickly.
// The body carries the IdP and SSO form's fields by the reference form's names (the SSO library's
// input properties, whatever the skin calls its inputs); the same library validation runs as for
// the form, so the harness can save nothing an admin could not.
import { Router } from 'express';
import type { PortalContext } from '../context.ts';
import type { FieldError, SsoProtocol, SsoSettings, Validated } from '../sso/contract.ts';
import { validateOidcSettings } from '../sso/oidcSettings.ts';
import { validateSamlSettings } from '../sso/samlSettings.ts';
import { DEFAULT_FORM_VALUES, oidcInput, samlInput, type SsoFormValues } from '../web/ssoForm.ts';

const TEXT_FIELDS = [
  'vendor',
  'metadataSource',
  'metadataUrl',
  'metadataXml',
  'idpEntityId',
  'idpSsoUrl',
  'idpCertificate',
  'emailAttribute',
  'issuer',
  'clientId',
  'scopes',
  'emailClaim',
  'hostedDomain',
] as const;
const FLAG_FIELDS = ['requireSignedResponse', 'requireSignedAssertion', 'allowIdpInitiated'] as const;
const OTHER_FIELDS = ['protocol', 'allowedClockSkewSeconds', 'clientSecret', 'enabled'] as const;
const KNOWN_FIELDS: readonly string[] = [...TEXT_FIELDS, ...FLAG_FIELDS, ...OTHER_FIELDS];

export interface SsoConfigRequest {
  readonly values: SsoFormValues;
  /** '' = keep the saved secret (as the form does); never echoed back. */
  readonly clientSecret: string;
  /** Absent = leave the Enable switch as it is. */
  readonly enabled?: boolean;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Read the JSON body: the form's field names and types, every problem named at once. */
export function parseSsoConfigRequest(body: unknown): Parsed<SsoConfigRequest> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return {
      ok: false,
      message: 'Send a JSON object with "protocol": "saml" or "oidc" and the IdP and SSO form fields (see portal/README.md, harness API).',
    };
  }
  const raw = body as Record<string, unknown>;
  const problems: string[] = [];
  const unknown = Object.keys(raw).filter((key) => !KNOWN_FIELDS.includes(key));
  if (unknown.length > 0)
    problems.push(`unknown field(s) ${unknown.map((key) => `"${key}"`).join(', ')}; known fields: ${KNOWN_FIELDS.join(', ')}`);
  const protocol = raw['protocol'];
  if (protocol !== 'saml' && protocol !== 'oidc') problems.push('"protocol" must be "saml" or "oidc"');
  const text: Partial<Record<(typeof TEXT_FIELDS)[number], string>> = {};
  for (const name of TEXT_FIELDS) {
    const value = raw[name];
    if (value === undefined) continue;
    if (typeof value === 'string') text[name] = value;
    else problems.push(`"${name}", when given, must be a string`);
  }
  const flags: Partial<Record<(typeof FLAG_FIELDS)[number], boolean>> = {};
  for (const name of FLAG_FIELDS) {
    const value = raw[name];
    if (value === undefined) continue;
    if (typeof value === 'boolean') flags[name] = value;
    else problems.push(`"${name}", when given, must be true or false`);
  }
  const rawSkew = raw['allowedClockSkewSeconds'];
  const skew = typeof rawSkew === 'number' || typeof rawSkew === 'string' ? String(rawSkew) : undefined;
  if (rawSkew !== undefined && skew === undefined) problems.push('"allowedClockSkewSeconds", when given, must be a number of seconds');
  const secret = raw['clientSecret'];
  if (secret !== undefined && typeof secret !== 'string') problems.push('"clientSecret", when given, must be a string');
  const enabled = raw['enabled'];
  if (enabled !== undefined && typeof enabled !== 'boolean') problems.push('"enabled", when given, must be true or false');
  if (problems.length > 0) return { ok: false, message: `The SSO configuration request cannot be used: ${problems.join('; ')}.` };
  const values: SsoFormValues = {
    ...DEFAULT_FORM_VALUES,
    ...text,
    ...flags,
    protocol: protocol as SsoProtocol,
    ...(skew === undefined ? {} : { allowedClockSkewSeconds: skew }),
  } as SsoFormValues;
  return {
    ok: true,
    value: { values, clientSecret: typeof secret === 'string' ? secret : '', ...(typeof enabled === 'boolean' ? { enabled } : {}) },
  };
}

/** The saved settings as the harness may return them: never the client secret. */
function withoutSecret(settings: SsoSettings): Record<string, unknown> {
  if (settings.protocol === 'saml') return { ...settings };
  const { clientSecret: _secret, ...rest } = settings;
  return rest;
}

export function harnessSsoConfigRoutes(ctx: PortalContext): Router {
  const router = Router();
  const now = (): number => ctx.now().getTime();
  const HARNESS_ACTOR = ctx.skin.actors.harness;

  router.put('/_harness/accounts/:accountId/sso', async (req, res) => {
    const rawId = req.params['accountId'];
    const account = /^\d{1,12}$/.test(rawId) ? ctx.store.accounts.get(Number(rawId)) : undefined;
    if (!account) {
      res.status(404).json({ error: 'not_found', message: `No account ${rawId}. Create one with POST /_harness/accounts first.` });
      return;
    }
    const parsed = parseSsoConfigRequest(req.body);
    if (!parsed.ok) {
      res.status(400).json({ error: 'invalid_request', message: parsed.message });
      return;
    }
    const { values, clientSecret, enabled } = parsed.value;
    let validated: Validated<SsoSettings>;
    if (values.protocol === 'saml') {
      validated = await validateSamlSettings(samlInput(values), { now: ctx.now(), defects: ctx.defects });
    } else {
      const saved = ctx.store.ssoConfigs.current(account.id)?.settings;
      const secret = clientSecret !== '' ? clientSecret : saved?.protocol === 'oidc' ? saved.clientSecret : '';
      validated = await validateOidcSettings(oidcInput(values, secret), { now: ctx.now() });
    }
    if (!validated.ok) {
      res.status(422).json({
        error: 'invalid_settings',
        message: `The portal refused the SSO configuration: ${describeErrors(validated.errors)}`,
        fieldErrors: validated.errors,
      });
      return;
    }
    const record = ctx.store.ssoConfigs.save(account.id, validated.value, HARNESS_ACTOR.label, now());
    ctx.store.audit.record(
      {
        accountId: account.id,
        actor: HARNESS_ACTOR,
        action: 'sso.config.saved',
        detail: ctx.skin.text.auditHarnessSsoSaved(record.version, values.protocol, validated.value.vendor),
      },
      now(),
    );
    if (enabled !== undefined && enabled !== ctx.store.ssoConfigs.isEnabled(account.id)) {
      ctx.store.ssoConfigs.setEnabled(account.id, enabled);
      ctx.store.audit.record(
        {
          accountId: account.id,
          actor: HARNESS_ACTOR,
          action: enabled ? 'sso.enabled' : 'sso.disabled',
          detail: ctx.skin.text.auditHarnessSsoSwitched(record.version),
        },
        now(),
      );
    }
    res.status(200).json({
      accountId: account.id,
      version: record.version,
      enabled: ctx.store.ssoConfigs.isEnabled(account.id),
      settings: withoutSecret(validated.value),
      warnings: validated.value.warnings,
    });
  });

  return router;
}

function describeErrors(errors: readonly FieldError[]): string {
  return errors.map((error) => `${error.field}: ${error.message}`).join(' ');
}
