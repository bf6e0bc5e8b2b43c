// Who the user is: NameID format and value, and where the email comes from, in the order the
// portal resolves it (NameID when it is an email, else the configured attribute, else the
// attributes vendors use for email per the persona data). A guest `#EXT#` UPN is never an email.
import { SAML_PERSONAS } from '../../mock-idps/index.ts';
import type { AssertionFacts } from '../artefacts/samlResponse.ts';
import type { FindingDraft } from '../../reporting/index.ts';
import { isEmail } from './compare.ts';
import type { SamlContext } from './context.ts';
import { FAULT } from './faultIds.ts';

const EMAIL_FORMAT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';

/** The attribute names vendors send the email in, from the persona data (matched vendor first). */
function vendorEmailAttributes(ctx: SamlContext): string[] {
  const personas = ctx.persona ? [ctx.persona, ...SAML_PERSONAS.filter((persona) => persona !== ctx.persona)] : SAML_PERSONAS;
  return [
    ...new Set(
      personas.flatMap((persona) =>
        persona.attributes.filter((attribute) => attribute.from === 'email').map((attribute) => attribute.name),
      ),
    ),
  ];
}

export interface ResolvedEmail {
  readonly email: string;
  readonly source: string;
}

export function resolveSamlEmail(assertion: AssertionFacts, ctx: SamlContext): ResolvedEmail | undefined {
  const nameId = assertion.nameId;
  if (nameId && !nameId.value.includes('#EXT#') && isEmail(nameId.value)) {
    return { email: nameId.value, source: `NameID (${shortFormat(nameId.format)})` };
  }
  const candidates = [...(ctx.expected?.emailAttribute ? [ctx.expected.emailAttribute] : []), ...vendorEmailAttributes(ctx)];
  for (const name of candidates) {
    const value = assertion.attributes
      .find((attribute) => attribute.name === name)
      ?.values.find((item) => isEmail(item) && !item.includes('#EXT#'));
    if (value !== undefined)
      return { email: value, source: `attribute ${name}${name === ctx.expected?.emailAttribute ? ' (configured)' : ''}` };
  }
  return undefined;
}

/** A transient NameID is random per login: the catalog has its own entry for it. */
function missingEmailFault(format: string | undefined): string {
  return format?.endsWith(':transient') ? FAULT.samlNameIdTransient : FAULT.samlEmailMissing;
}

function shortFormat(format: string | undefined): string {
  return format === undefined ? 'no Format' : format.replace(/^urn:oasis:names:tc:SAML:\d\.\d:nameid-format:/, '');
}

export function samlIdentityChecks(ctx: SamlContext): FindingDraft[] {
  const assertion = ctx.facts.assertions[0];
  if (!assertion) return [];
  const out: FindingDraft[] = [];
  const nameId = assertion.nameId;
  out.push({
    check: 'saml.nameid',
    severity: 'info',
    title: `NameID: ${nameId ? `"${nameId.value}" (${shortFormat(nameId.format)})` : '(none)'}`,
    detail: `${assertion.attributes.length} attribute(s)${assertion.attributes.length ? `: ${assertion.attributes.map((attribute) => attribute.name).join(', ')}` : ''}.`,
  });
  if (nameId?.value.includes('#EXT#')) {
    out.push({
      check: 'saml.guest-upn',
      severity: 'warning',
      fault: FAULT.samlGuestUpn,
      title: 'The NameID is an Entra guest UPN (#EXT#), not an email',
      detail: `"${nameId.value}" is how Entra names a guest from another tenant; it never matches a seat email. The email must come from an attribute.`,
    });
  } else if (nameId?.format === EMAIL_FORMAT && !isEmail(nameId.value)) {
    out.push({
      check: 'saml.nameid-not-email',
      severity: 'warning',
      title: 'NameID claims to be an email address but is not one',
      detail: `Format emailAddress with value "${nameId.value}": usually a UPN or user name mapped as the NameID.`,
    });
  }
  const resolved = resolveSamlEmail(assertion, ctx);
  if (!resolved) {
    // Any other attribute whose value is an email (Okta's `username`, a custom mapping): the fix is to name it.
    const elsewhere = assertion.attributes.find((attribute) =>
      attribute.values.some((value) => isEmail(value) && !value.includes('#EXT#')),
    );
    const carried =
      elsewhere === undefined
        ? ''
        : ` The attribute "${elsewhere.name}" does carry one (${elsewhere.values.find((value) => isEmail(value))}).`;
    out.push({
      check: 'saml.email',
      severity: 'blocking',
      fault: missingEmailFault(nameId?.format),
      reason: 'email-missing',
      title: 'No email address for the user',
      detail: `The NameID is not an email${nameId ? ` ("${nameId.value}", ${shortFormat(nameId.format)})` : ''} and none of the attributes the portal reads for one is present (looked for: ${[...(ctx.expected?.emailAttribute ? [ctx.expected.emailAttribute] : []), ...vendorEmailAttributes(ctx)].join(', ')}).${carried}`,
      ...(elsewhere === undefined
        ? {}
        : {
            fix: `In the portal's IdP and SSO section, set "Email attribute" to ${elsewhere.name} (or send the email as the NameID, or as an attribute the vendor preset reads).`,
          }),
    });
    return out;
  }
  out.push({
    check: 'saml.email',
    severity: 'info',
    title: `Email: ${resolved.email}`,
    detail: `Taken from ${resolved.source}. A seat of the account must have this email (compared without regard to case).`,
  });
  // Entra's initial domain: the UPN looks like an email but is nobody's mailbox (vendors.md).
  if (/\.onmicrosoft\.com$/i.test(resolved.email)) {
    out.push({
      check: 'saml.upn-not-email',
      severity: 'warning',
      fault: FAULT.samlUpnNotEmail,
      title: "The email is an Entra UPN on the tenant's initial domain",
      detail: `"${resolved.email}" is a …onmicrosoft.com user principal name, usually not the address the seats use; no seat is likely to match.`,
    });
  }
  if (resolved.email !== resolved.email.toLowerCase()) {
    out.push({
      check: 'saml.email-case',
      severity: 'info',
      fault: FAULT.samlEmailCase,
      title: 'The email has upper-case letters',
      detail: `"${resolved.email}": seats are matched without regard to case, so this is fine at the portal; other SPs may compare exactly.`,
    });
  }
  return out;
}
