// ID token checks (OpenID Connect Core §3.1.3.7, the OpenID Foundation RP tests): header alg/kid,
// iss, aud/azp, exp/iat/nbf with the allowed skew, sub, nonce, and the identity claims the portal
// reads (email, email_verified, Google hd, Entra tid). The signature is verified only when a
// JWKS is given with --config: nothing is fetched.
import { compactVerify, createLocalJWKSet } from 'jose';
import type { FindingDraft } from '../../reporting/index.ts';
import { differenceHint, duration, isEmail } from './compare.ts';
import type { OidcContext } from './context.ts';
import { FAULT } from './faultIds.ts';
import { issuesHostedDomain } from '../../mock-idps/index.ts';

const ASYMMETRIC = /^(RS|PS|ES)(256|384|512)$|^EdDSA$/;

export async function oidcChecks(ctx: OidcContext): Promise<FindingDraft[]> {
  return [
    ...headerChecks(ctx),
    ...(await signatureChecks(ctx)),
    ...issuerChecks(ctx),
    ...audienceChecks(ctx),
    ...timeChecks(ctx),
    ...subjectChecks(ctx),
    ...identityChecks(ctx),
  ];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function headerChecks({ jwt }: OidcContext): FindingDraft[] {
  const alg = text(jwt.header.alg);
  const kid = text(jwt.header.kid);
  const out: FindingDraft[] = [
    {
      check: 'oidc.header',
      severity: 'info',
      title: `Header: alg ${alg ?? '(none)'}, kid ${kid ?? '(none)'}${'typ' in jwt.header ? `, typ ${String(jwt.header.typ)}` : ''}`,
      detail: `Claims, in the order the IdP wrote them: ${jwt.claimOrder.join(', ')}.`,
    },
  ];
  if (alg === undefined || alg.toLowerCase() === 'none') {
    out.push({
      check: 'oidc.alg',
      severity: 'blocking',
      fault: FAULT.oidcAlgNone,
      reason: 'oidc-alg-not-allowed',
      title: 'The ID token is not signed (alg "none")',
      detail: 'An unsigned token can be written by anyone. No IdP issues one in the code flow: treat it as forged.',
    });
  } else if (alg.startsWith('HS')) {
    out.push({
      check: 'oidc.alg',
      severity: 'blocking',
      fault: FAULT.oidcHs256,
      reason: 'oidc-alg-not-allowed',
      title: `The ID token is signed with ${alg} (a shared secret), not RS256`,
      detail:
        "HS256 tokens are signed with the client secret; the portal verifies RS256 with the IdP's published keys (JWKS). Classic Auth0 setting: JsonWebToken Signature Algorithm HS256.",
    });
  } else if (alg !== 'RS256') {
    out.push({
      check: 'oidc.alg',
      severity: ASYMMETRIC.test(alg) ? 'warning' : 'blocking',
      reason: 'oidc-alg-not-allowed',
      title: `The ID token is signed with ${alg}`,
      detail:
        'The portal pins RS256 for ID tokens (the default of every vendor here). Another algorithm is refused unless the account is set for it.',
    });
  }
  if (!jwt.signaturePresent && alg !== undefined && alg.toLowerCase() !== 'none') {
    out.push({
      check: 'oidc.signature-missing',
      severity: 'blocking',
      reason: 'oidc-signature-invalid',
      title: 'The signature part of the token is empty',
      detail: `The header says ${alg} but the third part is empty: the signature was stripped.`,
    });
  }
  if (kid === undefined && alg !== undefined && ASYMMETRIC.test(alg)) {
    out.push({
      check: 'oidc.kid',
      severity: 'warning',
      title: 'The header has no kid',
      detail:
        'Without kid the SP must try every key in the JWKS; with several keys published (during rotation) a strict RP refuses the token.',
    });
  }
  return out;
}

async function signatureChecks({ jwt, expected }: OidcContext): Promise<FindingDraft[]> {
  const alg = text(jwt.header.alg);
  if (!expected?.jwks || !jwt.signaturePresent || alg === undefined || !ASYMMETRIC.test(alg)) {
    if (alg !== undefined && ASYMMETRIC.test(alg))
      return [
        {
          check: 'oidc.signature',
          severity: 'info',
          title: 'Signature not verified',
          detail: "Pass the IdP's JWKS (the JSON served at jwks_uri) with --config to verify it offline.",
        },
      ];
    return [];
  }
  try {
    await compactVerify(jwt.compact, createLocalJWKSet(expected.jwks), { algorithms: [alg] });
    return [
      {
        check: 'oidc.signature',
        severity: 'info',
        title: 'The signature verifies with the given JWKS',
        detail: `Key ${text(jwt.header.kid) ?? '(no kid)'} of the ${expected.jwks.keys.length} key(s) in the JWKS.`,
      },
    ];
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_JWKS_NO_MATCHING_KEY') {
      return [
        {
          check: 'oidc.signature',
          severity: 'blocking',
          fault: FAULT.oidcKidUnknown,
          reason: 'oidc-signature-invalid',
          title: `No key in the JWKS matches kid ${text(jwt.header.kid) ?? '(none)'}`,
          detail: `The JWKS has kids ${expected.jwks.keys.map((key) => key.kid ?? '(none)').join(', ')}. If the IdP rotated its keys, the SP must refetch the JWKS once; if the kid is unknown to the IdP too, the token is forged.`,
        },
      ];
    }
    if (code === 'ERR_JWKS_MULTIPLE_MATCHING_KEYS') {
      return [
        {
          check: 'oidc.signature',
          severity: 'blocking',
          fault: FAULT.oidcKidMissing,
          reason: 'oidc-signature-invalid',
          title: 'Several JWKS keys could have signed the token',
          detail: 'The token has no kid and the JWKS lists several keys for its algorithm.',
        },
      ];
    }
    return [
      {
        check: 'oidc.signature',
        severity: 'blocking',
        fault: alg.startsWith('ES') ? FAULT.oidcSignatureInvalidEs256 : FAULT.oidcSignatureInvalidRs256,
        reason: 'oidc-signature-invalid',
        title: 'The signature does not verify with the given JWKS',
        detail: 'The token was altered after signing, or it was signed by another key than the ones published.',
      },
    ];
  }
}

function issuerChecks({ jwt, expected }: OidcContext): FindingDraft[] {
  const iss = text(jwt.claims.iss);
  if (iss === undefined)
    return [
      {
        check: 'oidc.iss',
        severity: 'blocking',
        reason: 'oidc-claim-missing',
        title: 'The ID token has no iss claim',
        detail: 'Every ID token names its issuer (Core §2).',
      },
    ];
  if (expected?.issuer === undefined)
    return [
      {
        check: 'oidc.iss',
        severity: 'info',
        title: `Issuer: ${iss}`,
        detail: 'Not compared: pass --config with the SP settings or the discovery document.',
      },
    ];
  if (iss === expected.issuer)
    return [{ check: 'oidc.iss', severity: 'info', title: 'Issuer matches the configured issuer', detail: `"${iss}".` }];
  const variant = issuerVariant(iss, expected.issuer);
  if (variant.fault === FAULT.oidcIssuerGoogleLegacy) {
    return [
      {
        check: 'oidc.iss',
        severity: 'warning',
        fault: variant.fault,
        title: 'Google legacy issuer (no https://)',
        detail: `iss "${iss}", configured "${expected.issuer}": ${variant.hint}. The portal accepts it for the Google preset; a strict RP elsewhere may not.`,
      },
    ];
  }
  return [
    {
      check: 'oidc.iss',
      severity: 'blocking',
      fault: variant.fault,
      reason: 'oidc-issuer-mismatch',
      title: 'The token was issued by another issuer than the one configured',
      detail: `iss "${iss}", configured "${expected.issuer}": ${variant.hint}.`,
    },
  ];
}

function sameHost(a: string, b: string): boolean {
  try {
    return new URL(a).host === new URL(b).host;
  } catch {
    return false;
  }
}

/** The classic issuer confusions (vendors.md "OIDC issuer mismatch"), each a catalog entry. */
export function issuerVariant(seen: string, configured: string): { fault: string; hint: string } {
  if (seen === 'accounts.google.com' && configured === 'https://accounts.google.com')
    return { fault: FAULT.oidcIssuerGoogleLegacy, hint: "Google's legacy issuer form, which Google documents as valid" };
  if (configured.includes('{tenantid}') || seen.includes('{tenantid}'))
    return {
      fault: FAULT.oidcIssuerEntraTemplate,
      hint: "the configured value is the templated issuer of Entra's multi-tenant /common or /organizations discovery; configure the tenant's own issuer https://login.microsoftonline.com/<tenant id>/v2.0",
    };
  if (sameHost(seen, configured) && seen.includes('/oauth2/') !== configured.includes('/oauth2/'))
    return {
      fault: FAULT.oidcIssuerOktaOrg,
      hint: 'one is an Okta org authorization server and the other a custom one (/oauth2/default or /oauth2/<id>); tokens of one never validate against the other',
    };
  if (seen.replace(/\/$/, '') === configured.replace(/\/$/, ''))
    return { fault: FAULT.oidcIssuerAuth0Slash, hint: differenceHint(seen, configured) + ' (Auth0 issuers end with a slash)' };
  return { fault: FAULT.oidcIssuerMismatch, hint: differenceHint(seen, configured) };
}

function audienceChecks({ jwt, expected }: OidcContext): FindingDraft[] {
  const out: FindingDraft[] = [];
  const aud = jwt.claims.aud;
  const audiences = Array.isArray(aud)
    ? aud.filter((item): item is string => typeof item === 'string')
    : typeof aud === 'string'
      ? [aud]
      : [];
  const azp = text(jwt.claims.azp);
  if (audiences.length === 0) {
    out.push({
      check: 'oidc.aud',
      severity: 'blocking',
      fault: FAULT.oidcAudienceMissing,
      reason: 'oidc-audience-mismatch',
      title: 'The ID token has no audience (aud)',
      detail: 'Core §2 requires aud to contain the client ID.',
    });
    return out;
  }
  if (audiences.length > 1 && azp === undefined) {
    out.push({
      check: 'oidc.azp',
      severity: 'blocking',
      fault: FAULT.oidcMultipleAudNoAzp,
      reason: 'oidc-audience-mismatch',
      title: 'Several audiences and no azp',
      detail: `aud ${JSON.stringify(audiences)}: with several audiences Core §3.1.3.7 expects azp naming the client the token was issued to.`,
    });
  }
  const clientId = expected?.clientId;
  if (clientId === undefined) {
    out.push({
      check: 'oidc.aud',
      severity: 'info',
      title: `Audience: ${audiences.join(', ')}${azp ? `; azp ${azp}` : ''}`,
      detail: 'Not compared: the client ID is unknown (pass --config with the SP settings).',
    });
    return out;
  }
  if (!audiences.includes(clientId)) {
    out.push({
      check: 'oidc.aud',
      severity: 'blocking',
      fault: FAULT.oidcAudienceMismatch,
      reason: 'oidc-audience-mismatch',
      title: 'The token was issued for another application (aud)',
      detail: `aud ${JSON.stringify(audiences)}, configured client ID "${clientId}": ${differenceHint(audiences[0]!, clientId)}.`,
    });
  } else if (azp !== undefined && azp !== clientId) {
    out.push({
      check: 'oidc.azp',
      severity: 'blocking',
      fault: FAULT.oidcAzpMismatch,
      reason: 'oidc-audience-mismatch',
      title: 'azp names another application',
      detail: `azp "${azp}", configured client ID "${clientId}".`,
    });
  } else {
    out.push({ check: 'oidc.aud', severity: 'info', title: 'Audience is the configured client ID', detail: `"${clientId}".` });
  }
  return out;
}

function timeChecks({ jwt, at, skewSeconds, skewFromConfig }: OidcContext): FindingDraft[] {
  const out: FindingDraft[] = [];
  const now = at.getTime() / 1000;
  const skewWords = `${duration(skewSeconds)} allowed skew${skewFromConfig ? '' : " (default; pass --config for the account's)"}`;
  const exp = jwt.claims.exp;
  const iat = jwt.claims.iat;
  const nbf = jwt.claims.nbf;
  if (typeof exp !== 'number') {
    out.push({
      check: 'oidc.exp',
      severity: 'blocking',
      reason: 'oidc-claim-missing',
      title: 'The ID token has no exp (expiry)',
      detail: 'Core §2 requires exp; a token without it never expires.',
    });
  } else if (now - exp >= skewSeconds) {
    out.push({
      check: 'oidc.exp',
      severity: 'blocking',
      fault: FAULT.oidcExpired,
      reason: 'oidc-expired',
      title: 'Expired at capture time',
      detail: `exp ${iso(exp)} is ${duration(now - exp)} before the capture time ${at.toISOString()}, beyond the ${skewWords}.`,
    });
  } else if (now >= exp) {
    out.push({
      check: 'oidc.exp',
      severity: 'warning',
      title: 'Expired at capture time, but within the allowed skew',
      detail: `exp ${iso(exp)} is ${duration(now - exp)} before the capture time; ${skewWords}.`,
    });
  }
  if (typeof iat !== 'number') {
    out.push({
      check: 'oidc.iat',
      severity: 'blocking',
      fault: FAULT.oidcIatMissing,
      reason: 'oidc-claim-missing',
      title: 'The ID token has no iat (issued at)',
      detail: 'Core §2 requires iat.',
    });
  } else if (iat - now > skewSeconds) {
    out.push({
      check: 'oidc.iat',
      severity: 'blocking',
      fault: FAULT.oidcClockAhead,
      reason: 'oidc-expired',
      title: 'Issued in the future (IdP clock ahead)',
      detail: `iat ${iso(iat)} is ${duration(iat - now)} after the capture time ${at.toISOString()}, beyond the ${skewWords}.`,
    });
  }
  if (typeof nbf === 'number' && nbf - now > skewSeconds) {
    out.push({
      check: 'oidc.nbf',
      severity: 'blocking',
      fault: FAULT.oidcClockAhead,
      reason: 'oidc-expired',
      title: 'Not valid yet at capture time (nbf)',
      detail: `nbf ${iso(nbf)} is ${duration(nbf - now)} after the capture time, beyond the ${skewWords}.`,
    });
  }
  if (typeof iat === 'number' && typeof exp === 'number') {
    out.push({
      check: 'oidc.lifetime',
      severity: 'info',
      title: `Issued ${iso(iat)}, expires ${iso(exp)} (${duration(exp - iat)})`,
      detail: `Captured at ${at.toISOString()}, ${skewWords}.`,
    });
  }
  return out;
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

function subjectChecks({ jwt }: OidcContext): FindingDraft[] {
  const out: FindingDraft[] = [];
  if (text(jwt.claims.sub) === undefined) {
    out.push({
      check: 'oidc.sub',
      severity: 'blocking',
      fault: FAULT.oidcSubMissing,
      reason: 'oidc-claim-missing',
      title: 'The ID token has no sub (subject)',
      detail: 'Core §2 requires sub: the stable id of the user at the IdP.',
    });
  }
  const nonce = text(jwt.claims.nonce);
  if (nonce === undefined) {
    out.push({
      check: 'oidc.nonce',
      severity: 'blocking',
      fault: FAULT.oidcNonceMissing,
      reason: 'oidc-nonce-mismatch',
      title: 'The ID token has no nonce',
      detail:
        'The portal sends a nonce with every login and requires it back (Core §3.1.3.7 step 11); a token without one is not the answer to a login the portal started.',
      // A genuine token of another login (another app, a test client) has no nonce either: no accusation of forgery.
      customerSees: 'The portal refuses the login: the ID token is not the answer to the login it started.',
      fix: "If this token came back from a login to the portal, the IdP dropped the nonce: check the app is an OIDC web app using the authorization code flow, and capture the HAR of a login to compare. If the token was taken from another app or a test client, it proves nothing about the portal's login: capture the HAR of a login to the portal instead.",
    });
  } else {
    out.push({
      check: 'oidc.nonce',
      severity: 'info',
      title: 'The ID token carries a nonce',
      detail:
        'It must equal the nonce of the login started in this browser; a mismatch means the token belongs to another login (or a lost session cookie).',
    });
  }
  return out;
}

function identityChecks({ jwt, expected, persona }: OidcContext): FindingDraft[] {
  const out: FindingDraft[] = [];
  const claimName = expected?.emailClaim ?? 'email';
  const email = text(jwt.claims[claimName]);
  const upn = text(jwt.claims.preferred_username);
  if (email === undefined) {
    out.push({
      check: 'oidc.email',
      severity: 'blocking',
      fault: FAULT.oidcEmailAbsent,
      reason: 'email-missing',
      title: `No ${claimName} claim`,
      detail: `The token has no "${claimName}"${upn ? `; preferred_username is "${upn}"${isEmail(upn) ? ' (looks like an email, but it is a UPN / user name, not guaranteed to be one)' : ''}` : ''}. Entra sends email only as an optional claim; other vendors need the email scope.`,
    });
  } else if (!isEmail(email)) {
    out.push({
      check: 'oidc.email',
      severity: 'blocking',
      reason: 'email-missing',
      title: `The ${claimName} claim is not an email address`,
      detail: `"${email}".`,
    });
  } else {
    out.push({
      check: 'oidc.email',
      severity: 'info',
      title: `Email: ${email}`,
      detail: `From the "${claimName}" claim. A seat of the account must have exactly this email.`,
    });
  }
  if (jwt.claims.email_verified === false) {
    out.push({
      check: 'oidc.email-verified',
      severity: 'blocking',
      fault: FAULT.oidcEmailUnverified,
      reason: 'email-unverified',
      title: 'email_verified is false',
      detail: `The IdP says "${email ?? '(no email)'}" is not verified; the portal refuses unverified emails.`,
    });
  }
  const hd = text(jwt.claims.hd);
  if (expected?.hostedDomain !== undefined && hd !== expected.hostedDomain) {
    out.push({
      check: 'oidc.hd',
      severity: 'blocking',
      fault: FAULT.oidcHdMissing,
      reason: 'hosted-domain-mismatch',
      title: hd === undefined ? 'No hd claim: not a Google Workspace account' : `hd is ${hd}, not ${expected.hostedDomain}`,
      detail: `The account requires Google Workspace domain "${expected.hostedDomain}"; hd is the only reliable signal of Workspace membership.`,
    });
  } else if (hd !== undefined) {
    out.push({
      check: 'oidc.hd',
      severity: 'info',
      title: `Google Workspace domain (hd): ${hd}`,
      detail: 'Present only for Workspace accounts.',
    });
  } else if (persona !== undefined && issuesHostedDomain(persona)) {
    out.push({
      check: 'oidc.hd',
      severity: 'info',
      title: 'No hd claim',
      detail: 'A Google token without hd comes from a consumer (gmail.com) account, not a Workspace one.',
    });
  }
  const tid = text(jwt.claims.tid);
  if (tid !== undefined) {
    const configuredTid = expected?.issuer?.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i)?.[0];
    if (configuredTid !== undefined && configuredTid.toLowerCase() !== tid.toLowerCase()) {
      out.push({
        check: 'oidc.tid',
        severity: 'blocking',
        fault: FAULT.oidcIssuerMismatch,
        reason: 'oidc-issuer-mismatch',
        title: 'The user signed in with another Entra tenant',
        detail: `tid ${tid}, the configured issuer names tenant ${configuredTid}.`,
      });
    } else {
      out.push({
        check: 'oidc.tid',
        severity: 'info',
        title: `Entra tenant (tid): ${tid}`,
        detail: configuredTid ? 'Matches the tenant of the configured issuer.' : 'The tenant the user signed in with.',
      });
    }
  }
  return out;
}
