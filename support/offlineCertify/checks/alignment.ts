// Do the two sides name each other the same way? SP settings against the IdP document (IdP
// entity ID, SSO URL, OIDC issuer), the IdP app registration against the SP endpoints (entity ID
// / Audience, ACS URL, redirect URI), and the issuer against the vendor's known shape (persona
// data). Exact comparisons: vendors and the portal compare case- and slash-sensitively.
import { isLoopbackHost } from '../../../lib/index.ts';
import { VENDOR_PERSONAS } from '../../../mock-idps/index.ts';
import { presetOf } from '../../../portal/index.ts';
import { BINDINGS } from '../../artefacts/idpMetadata.ts';
import { differenceHint } from '../../explain/compare.ts';
import { FAULT } from '../../explain/faultIds.ts';
import { issuerVariant } from '../../explain/oidcChecks.ts';
import { oidcIssuerFits, samlIssuerFits } from '../../explain/personaMatch.ts';
import type { ReportFinding } from '../../../reporting/index.ts';
import type { CustomerOidcSettings, CustomerSamlSettings } from '../customerFile.ts';
import { reportFinding, type OfflineContext } from './context.ts';

export function alignmentChecks(ctx: OfflineContext): ReportFinding[] {
  const settings = ctx.file.spSettings;
  return [
    ...spEndpointChecks(ctx),
    ...(settings.protocol === 'saml' ? samlAlignment(ctx, settings) : oidcAlignment(ctx, settings)),
    ...issuerShape(ctx),
  ];
}

function spEndpointChecks(ctx: OfflineContext): ReportFinding[] {
  const out: ReportFinding[] = [];
  const sp = ctx.file.sp;
  const needed = ctx.file.protocol === 'saml' ? (['entityId', 'acsUrl'] as const) : (['oidcRedirectUri'] as const);
  for (const key of needed) {
    const value = sp[key];
    if (value === undefined) {
      out.push(
        reportFinding(
          'alignment',
          {
            check: `alignment.sp-${key}`,
            severity: 'warning',
            title: `The SP ${key} is not in the customer file`,
            detail: `Add "sp": { "${key}": … } (copied from the account's IdP and SSO section) so that it can be compared with the IdP registration.`,
          },
          ctx,
        ),
      );
      continue;
    }
    const url = new URL(value);
    if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
      out.push(
        reportFinding(
          'alignment',
          {
            check: `alignment.sp-${key}`,
            severity: 'warning',
            ...(key === 'acsUrl' ? { fault: FAULT.samlDestinationScheme } : {}),
            title: `The SP ${key} uses http://`,
            detail: `"${value}": the portal is served over https; an http:// value usually comes from a TLS-terminating proxy and will not match what the IdP posts to.`,
          },
          ctx,
        ),
      );
    }
  }
  return out;
}

function samlAlignment(ctx: OfflineContext, settings: CustomerSamlSettings): ReportFinding[] {
  const out: ReportFinding[] = [];
  const metadata = ctx.metadata;
  if (metadata && settings.idpEntityId !== undefined && metadata.entityId && settings.idpEntityId !== metadata.entityId) {
    out.push(
      reportFinding(
        'alignment',
        {
          check: 'alignment.idp-entity-id',
          severity: 'blocking',
          fault: FAULT.samlIssuerMismatch,
          title: 'The IdP entity ID in the SP settings differs from the metadata',
          detail: `SP settings "${settings.idpEntityId}", metadata entityID "${metadata.entityId}": ${differenceHint(settings.idpEntityId, metadata.entityId)}. Every response would be refused for its issuer.`,
        },
        ctx,
      ),
    );
  }
  if (metadata && settings.idpSsoUrl !== undefined) {
    const locations = metadata.ssoServices
      .filter((service) => service.binding === BINDINGS.redirect || service.binding === BINDINGS.post)
      .map((service) => service.location);
    if (locations.length > 0 && !locations.includes(settings.idpSsoUrl)) {
      out.push(
        reportFinding(
          'alignment',
          {
            check: 'alignment.idp-sso-url',
            severity: 'blocking',
            title: "The IdP SSO URL in the SP settings is not one of the metadata's SSO endpoints",
            detail: `SP settings "${settings.idpSsoUrl}"; metadata: ${locations.join(', ')}: ${differenceHint(settings.idpSsoUrl, locations[0]!)}. SP-initiated logins would go to the wrong place.`,
            fix: 'Copy the SSO URL from the IdP metadata (SingleSignOnService, HTTP-Redirect binding) into the IdP and SSO section, or import the metadata instead of typing values.',
          },
          ctx,
        ),
      );
    }
  }
  const sp = ctx.file.sp;
  if (metadata && sp.entityId !== undefined && sp.entityId === metadata.entityId) {
    out.push(
      reportFinding(
        'alignment',
        {
          check: 'alignment.entity-ids',
          severity: 'blocking',
          title: 'The SP entity ID equals the IdP entity ID',
          detail: `Both are "${sp.entityId}": one of them was pasted into the wrong field.`,
        },
        ctx,
      ),
    );
  }
  const app = ctx.file.idpApp;
  if (!app) {
    out.push(
      reportFinding(
        'alignment',
        {
          check: 'alignment.idp-app',
          severity: 'info',
          title: 'The IdP application registration was not given',
          detail:
            'Add "idpApp": { "spEntityId", "acsUrls" } (copied from the vendor console) to check the SP entity ID and ACS URL registered at the IdP.',
        },
        ctx,
      ),
    );
    return out;
  }
  if (app.spEntityId !== undefined && sp.entityId !== undefined && app.spEntityId !== sp.entityId) {
    const lower = app.spEntityId.toLowerCase() === sp.entityId.toLowerCase();
    const slash = app.spEntityId.replace(/\/+$/, '') === sp.entityId.replace(/\/+$/, '');
    out.push(
      reportFinding(
        'alignment',
        {
          check: 'alignment.sp-entity-id',
          severity: 'blocking',
          fault: lower ? FAULT.samlAudienceCase : slash ? FAULT.samlAudienceSlash : FAULT.samlAudienceMismatch,
          title: 'The IdP application is registered with another SP entity ID (Audience)',
          detail: `Registered "${app.spEntityId}", the account's SP entity ID "${sp.entityId}": ${differenceHint(app.spEntityId, sp.entityId)}.`,
        },
        ctx,
      ),
    );
  }
  if (app.acsUrls.length > 0 && sp.acsUrl !== undefined && !app.acsUrls.includes(sp.acsUrl)) {
    const schemeOnly = app.acsUrls.some((url) => url.replace(/^https?:/, '') === sp.acsUrl!.replace(/^https?:/, ''));
    out.push(
      reportFinding(
        'alignment',
        {
          check: 'alignment.acs-url',
          severity: 'blocking',
          fault: schemeOnly ? FAULT.samlDestinationScheme : FAULT.samlAcsMismatch,
          title: "The IdP application does not list the account's ACS URL",
          detail: `Registered ${app.acsUrls.map((url) => `"${url}"`).join(', ')}; the account's ACS URL "${sp.acsUrl}": ${differenceHint(app.acsUrls[0]!, sp.acsUrl)}.`,
        },
        ctx,
      ),
    );
  }
  return out;
}

function oidcAlignment(ctx: OfflineContext, settings: CustomerOidcSettings): ReportFinding[] {
  const out: ReportFinding[] = [];
  const discovery = ctx.discovery;
  if (discovery?.issuer.includes('{tenantid}')) {
    out.push(
      reportFinding(
        'alignment',
        {
          check: 'alignment.discovery-issuer',
          severity: 'blocking',
          fault: FAULT.oidcIssuerEntraTemplate,
          title: "The discovery document is Entra's multi-tenant one (templated issuer)",
          detail: `issuer "${discovery.issuer}": tokens carry the real tenant id and never match the template.`,
        },
        ctx,
      ),
    );
  }
  if (settings.issuer === undefined) {
    out.push(
      reportFinding(
        'alignment',
        {
          check: 'alignment.issuer',
          severity: 'blocking',
          reason: 'oidc-issuer-mismatch',
          title: 'No issuer in the SP settings',
          detail: 'spSettings.issuer is required for OIDC.',
        },
        ctx,
      ),
    );
  } else if (discovery && settings.issuer !== discovery.issuer) {
    const variant = issuerVariant(discovery.issuer, settings.issuer);
    out.push(
      reportFinding(
        'alignment',
        {
          check: 'alignment.issuer',
          severity: 'blocking',
          fault: variant.fault,
          reason: 'oidc-discovery-mismatch',
          title: 'The issuer in the SP settings differs from the discovery document',
          detail: `SP settings "${settings.issuer}", discovery "${discovery.issuer}": ${variant.hint}.`,
        },
        ctx,
      ),
    );
  }
  if (settings.clientId === undefined) {
    out.push(
      reportFinding(
        'alignment',
        {
          check: 'alignment.client-id',
          severity: 'blocking',
          reason: 'oidc-token-error',
          title: 'No client ID in the SP settings',
          detail: 'spSettings.clientId is required: copy it from the IdP application.',
        },
        ctx,
      ),
    );
  }
  const scopes = settings.scopes.split(/\s+/);
  if (!scopes.includes('openid')) {
    out.push(
      reportFinding(
        'alignment',
        {
          check: 'alignment.scopes',
          severity: 'blocking',
          title: 'The scopes do not include "openid"',
          detail: `Scopes "${settings.scopes}": without openid there is no ID token at all.`,
          fix: 'Set the scopes in the IdP and SSO section to "openid email profile".',
        },
        ctx,
      ),
    );
  }
  const emailClaim = settings.emailClaim ?? 'email';
  // Only Entra sends email as an optional claim (its preset's optionalEmailClaim): the wording is Entra's.
  if (presetOf(ctx.file.vendor).oidc.optionalEmailClaim !== undefined && emailClaim === 'email') {
    out.push(
      reportFinding(
        'alignment',
        {
          check: 'alignment.email-claim',
          severity: 'warning',
          fault: FAULT.oidcEmailAbsent,
          title: 'Entra sends no email claim unless it is added as an optional claim',
          detail:
            'The account reads the email from "email"; Entra ID tokens carry it only when the optional claim is configured (Token configuration → Add optional claim → email).',
        },
        ctx,
      ),
    );
  } else if (emailClaim === 'email' && !scopes.includes('email')) {
    out.push(
      reportFinding(
        'alignment',
        {
          check: 'alignment.email-claim',
          severity: 'warning',
          fault: FAULT.oidcEmailAbsent,
          title: 'The "email" scope is not requested',
          detail: `Scopes "${settings.scopes}": Okta, Google and Auth0 put the email claim in the ID token only with the email scope.`,
        },
        ctx,
      ),
    );
  }
  const app = ctx.file.idpApp;
  const redirect = ctx.file.sp.oidcRedirectUri;
  if (app && app.redirectUris.length > 0 && redirect !== undefined && !app.redirectUris.includes(redirect)) {
    out.push(
      reportFinding(
        'alignment',
        {
          check: 'alignment.redirect-uri',
          severity: 'blocking',
          fault: FAULT.oidcRedirectUriMismatch,
          title: "The IdP application does not list the account's redirect URI",
          detail: `Registered ${app.redirectUris.map((uri) => `"${uri}"`).join(', ')}; the account's redirect URI "${redirect}": ${differenceHint(app.redirectUris[0]!, redirect)}.`,
        },
        ctx,
      ),
    );
  } else if (!app) {
    out.push(
      reportFinding(
        'alignment',
        {
          check: 'alignment.idp-app',
          severity: 'info',
          title: 'The IdP application registration was not given',
          detail: 'Add "idpApp": { "redirectUris" } (copied from the vendor console) to check the redirect URI registered at the IdP.',
        },
        ctx,
      ),
    );
  }
  return out;
}

/** The issuer against the vendor's known shape, from the persona data (mock-idps/personas). */
function issuerShape(ctx: OfflineContext): ReportFinding[] {
  const vendor = ctx.vendor;
  if (ctx.file.protocol === 'saml') {
    const issuer = ctx.metadata?.entityId ?? (ctx.file.spSettings as CustomerSamlSettings).idpEntityId;
    if (!issuer) return [];
    if (vendor === undefined) {
      const fits = Object.values(VENDOR_PERSONAS).find((personas) => samlIssuerFits(personas.saml, issuer));
      return fits
        ? [
            reportFinding(
              'issuer',
              {
                check: 'issuer.shape',
                severity: 'info',
                title: `The IdP entity ID looks like ${fits.saml.displayName}`,
                detail: `"${issuer}" fits ${fits.saml.entityIdTemplate}; the customer file says vendor "other": choose the vendor preset to get its defaults.`,
              },
              ctx,
            ),
          ]
        : [];
    }
    const persona = VENDOR_PERSONAS[vendor].saml;
    if (samlIssuerFits(persona, issuer))
      return [
        reportFinding(
          'issuer',
          {
            check: 'issuer.shape',
            severity: 'info',
            title: `The IdP entity ID has ${persona.displayName}'s shape`,
            detail: `"${issuer}" fits ${persona.entityIdTemplate}.`,
          },
          ctx,
        ),
      ];
    return [
      reportFinding(
        'issuer',
        {
          check: 'issuer.shape',
          severity: 'warning',
          fault: FAULT.samlIssuerMismatch,
          title: `The IdP entity ID does not have ${persona.displayName}'s shape`,
          detail: `"${issuer}" does not fit ${persona.entityIdTemplate}. It may be the SSO URL or another field pasted as the entity ID, or a look-alike (http vs https, a missing trailing slash).`,
        },
        ctx,
      ),
    ];
  }
  const issuer = ctx.discovery?.issuer ?? (ctx.file.spSettings as CustomerOidcSettings).issuer;
  if (!issuer || vendor === undefined) return [];
  const persona = VENDOR_PERSONAS[vendor].oidc;
  if (oidcIssuerFits(persona, issuer))
    return [
      reportFinding(
        'issuer',
        { check: 'issuer.shape', severity: 'info', title: `The issuer has ${persona.displayName}'s shape`, detail: `"${issuer}".` },
        ctx,
      ),
    ];
  return [
    reportFinding(
      'issuer',
      {
        check: 'issuer.shape',
        severity: 'warning',
        title: `The issuer does not have ${persona.displayName}'s usual shape`,
        detail: `"${issuer}" does not fit the path of ${persona.displayName}'s issuers (${persona.issuerPathTemplate} on the mock IdP, where the first two segments stand for the vendor's host). Compare it with the issuer in the vendor console character by character (scheme, path, trailing slash).`,
      },
      ctx,
    ),
  ];
}
