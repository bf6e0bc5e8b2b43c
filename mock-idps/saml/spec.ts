// The data of one SAML Response before it becomes XML. Persona defaults fill it; faults adjust it
// (the "persona-setting override" seam), then render.ts writes it in the vendor's wire shape.
import type { DirectoryUser, SamlPersona, SamlSigningScope, SignatureAlgorithm, TenantIds, UserField } from '../types.ts';
import { fillTemplate } from '../tenantIds.ts';
import { samlId, samlInstant } from './ids.ts';

export const STATUS = {
  success: 'urn:oasis:names:tc:SAML:2.0:status:Success',
  requester: 'urn:oasis:names:tc:SAML:2.0:status:Requester',
  responder: 'urn:oasis:names:tc:SAML:2.0:status:Responder',
  authnFailed: 'urn:oasis:names:tc:SAML:2.0:status:AuthnFailed',
  noPassive: 'urn:oasis:names:tc:SAML:2.0:status:NoPassive',
  requestDenied: 'urn:oasis:names:tc:SAML:2.0:status:RequestDenied',
} as const;

export interface SpTarget {
  /** SP entity ID (the Audience). */
  readonly entityId: string;
  /** ACS URL the response is posted to (Destination, Recipient). */
  readonly acs: string;
}

export interface ResponseSpec {
  responseId: string;
  assertionId: string;
  issueInstant: string;
  /** Response Destination; undefined = omitted. */
  destination: string | undefined;
  /** Response and SubjectConfirmationData InResponseTo; undefined on unsolicited responses (never ""). */
  inResponseTo: string | undefined;
  responseIssuer: string;
  assertionIssuer: string;
  issuerFormat: string | undefined;
  status: { code: string; subCode?: string; message?: string };
  /** false = a status-only response (errors carry no assertion). */
  includeAssertion: boolean;
  nameId: { format: string; value: string };
  recipient: string;
  subjectConfirmationNotOnOrAfter: string;
  /** undefined = no Conditions element at all. */
  conditions: { notBefore: string; notOnOrAfter: string; audiences: string[] } | undefined;
  authnInstant: string;
  sessionIndex: string;
  authnContextClassRef: string;
  attributes: Array<{ name: string; nameFormat?: string; values: string[] }>;
  signing: { scope: SamlSigningScope; algorithm: SignatureAlgorithm; digest: 'sha256' | 'sha1' };
}

export interface SpecInput {
  readonly persona: SamlPersona;
  readonly ids: TenantIds;
  readonly user: DirectoryUser;
  readonly sp: SpTarget;
  readonly inResponseTo?: string;
  readonly now: Date;
}

export function userValue(user: DirectoryUser, field: UserField, persona: SamlPersona, ids: TenantIds): string[] {
  switch (field) {
    case 'vendorId':
      return [user.vendorIds[persona.vendor]];
    case 'groups':
      return [...user.groups];
    case 'tid':
      return [ids.tid];
    default:
      return [user[field]];
  }
}

const at = (now: Date, seconds: number): string => samlInstant(new Date(now.getTime() + seconds * 1000));

/** The vendor's happy-path response for this user and SP. */
export function defaultResponseSpec({ persona, ids, user, sp, inResponseTo, now }: SpecInput): ResponseSpec {
  const entityId = fillTemplate(persona.entityIdTemplate, ids);
  const assertionId = samlId(persona.wire.idStyle);
  const sessionIndex =
    persona.wire.sessionIndex === 'assertion-id'
      ? assertionId
      : persona.wire.sessionIndex === 'in-response-to' && inResponseTo
        ? inResponseTo
        : samlId(persona.wire.idStyle);
  return {
    responseId: samlId(persona.wire.idStyle),
    assertionId,
    issueInstant: samlInstant(now),
    destination: sp.acs,
    inResponseTo,
    responseIssuer: entityId,
    assertionIssuer: entityId,
    issuerFormat: persona.wire.issuerFormat,
    status: { code: STATUS.success },
    includeAssertion: true,
    nameId: { format: persona.nameId.format, value: userValue(user, persona.nameId.value, persona, ids)[0] ?? '' },
    recipient: sp.acs,
    subjectConfirmationNotOnOrAfter: at(now, persona.wire.subjectConfirmationSeconds),
    conditions: {
      notBefore: at(now, persona.validity.notBeforeSeconds),
      notOnOrAfter: at(now, persona.validity.notOnOrAfterSeconds),
      audiences: [sp.entityId],
    },
    authnInstant: samlInstant(now),
    sessionIndex,
    authnContextClassRef: persona.wire.authnContextClassRef,
    attributes: persona.attributes.map((a) => ({
      name: a.name,
      ...(a.nameFormat ? { nameFormat: a.nameFormat } : {}),
      values: userValue(user, a.from, persona, ids),
    })),
    signing: { ...persona.signing },
  };
}

/** Move every instant of the response by `seconds` (an IdP clock that is off). */
export function shiftSpecTimes(spec: ResponseSpec, seconds: number): void {
  const shift = (instant: string): string => samlInstant(new Date(Date.parse(instant) + seconds * 1000));
  spec.issueInstant = shift(spec.issueInstant);
  spec.authnInstant = shift(spec.authnInstant);
  spec.subjectConfirmationNotOnOrAfter = shift(spec.subjectConfirmationNotOnOrAfter);
  if (spec.conditions) {
    spec.conditions.notBefore = shift(spec.conditions.notBefore);
    spec.conditions.notOnOrAfter = shift(spec.conditions.notOnOrAfter);
  }
}
