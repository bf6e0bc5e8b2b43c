// The OIDC discovery rows of vendors.md ("OIDC discovery"): the field table, the issuers and
// claims_supported lists in the prose, the fields no vendor (or only one) publishes, and the
// endpoint-shapes table, one feature per row and vendor. Okta is judged against its custom
// authorization server `default` (2023), the document the persona models; Auth0 against 2023-09.
import type { Vendor } from '../../types.ts';
import {
  all,
  atVendorHost,
  GUID,
  matches,
  MOCK_HOST,
  same,
  type CheckResult,
  type DocumentFeature,
  type JsonObject,
} from './featureLedger.ts';

type Check = (doc: JsonObject, served: { url: string }) => CheckResult;

const OKTA_AUTH = ['client_secret_basic', 'client_secret_post', 'client_secret_jwt', 'private_key_jwt', 'none'];
const OKTA_ALGS = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'];
const AS = '/oauth2/[A-Za-z0-9]+';

/** The field has exactly this value (`undefined`: the field is absent). */
const field =
  (name: string, expected: unknown): Check =>
  (doc) =>
    expected === undefined ? same(`${name} present`, name in doc, false) : same(name, doc[name], expected);
const fields =
  (expected: Readonly<Record<string, unknown>>): Check =>
  (doc) =>
    all(...Object.entries(expected).map(([name, value]) => field(name, value)(doc, { url: '' })));
const isUrl =
  (name: string): Check =>
  (doc) =>
    matches(name, doc[name], /^https?:\/\//);
const both =
  (...checks: Check[]): Check =>
  (doc, served) =>
    all(...checks.map((check) => check(doc, served)));
const firstAndCount =
  (first: string, count: number): Check =>
  (doc) =>
    same('first field / field count', [Object.keys(doc)[0], Object.keys(doc).length], [first, count]);
const shaped =
  (name: string, pattern: RegExp): Check =>
  (doc) =>
    matches(name, doc[name], pattern);
const servedAt =
  (pattern: RegExp): Check =>
  (_doc, served) =>
    matches('discovery URL', served.url, pattern);

/** Only these endpoint fields (Google lists no other). */
const onlyEndpoints =
  (names: readonly string[]): Check =>
  (doc) =>
    same(
      'endpoint fields',
      Object.keys(doc)
        .filter((key) => /_endpoint$|_uri$/.test(key))
        .sort(),
      [...names].sort(),
    );

const claims = (list: string): Check => field('claims_supported', list.split(/,\s*/));

/** vendors.md: "No vendor document (2020–2024) has …". */
const NOBODY: Check = (doc) =>
  all(
    ...['claims_parameter_supported', 'claim_types_supported', 'dpop_signing_alg_values_supported'].map((name) =>
      field(name, undefined)(doc, { url: '' }),
    ),
    doc.request_uri_parameter_supported === true ? 'request_uri_parameter_supported: true' : true,
  );

/**
 * PAR only in Okta's 2023 custom-AS document, token_endpoint_auth_signing_alg_values_supported only in Auth0's, introspection_endpoint only
 * in Okta's.
 */
const exclusive =
  (vendor: Vendor): Check =>
  (doc) =>
    same(
      'fields of one vendor only',
      {
        pushed_authorization_request_endpoint: 'pushed_authorization_request_endpoint' in doc,
        token_endpoint_auth_signing_alg_values_supported: 'token_endpoint_auth_signing_alg_values_supported' in doc,
        introspection_endpoint: 'introspection_endpoint' in doc,
      },
      {
        pushed_authorization_request_endpoint: vendor === 'okta',
        token_endpoint_auth_signing_alg_values_supported: vendor === 'auth0',
        introspection_endpoint: vendor === 'okta',
      },
    );

interface VendorDiscovery {
  readonly rows: ReadonlyArray<readonly [string, Check]>;
  /** Endpoint-shapes rows: a check, or [why the mock differs, the check that shows it]. */
  readonly endpoints: ReadonlyArray<readonly [string, Check | readonly [string, Check]]>;
}

// Entra's endpoints sit beside the issuer (/{tid}/oauth2/v2.0/…, the issuer being /{tid}/v2.0).
const entraPath = (name: string, path: string): Check => shaped(name, atVendorHost('entra', `/${GUID}${path}`));

const VENDORS: Readonly<Record<Vendor, VendorDiscovery>> = {
  entra: {
    rows: [
      ['issuer (tenant: https://login.microsoftonline.com/{tid}/v2.0)', shaped('issuer', atVendorHost('entra', `/${GUID}/v2\\.0`))],
      ['first key / field count', firstAndCount('token_endpoint', 23)],
      ['response_types_supported', field('response_types_supported', ['code', 'id_token', 'code id_token', 'id_token token'])],
      ['response_modes_supported', field('response_modes_supported', ['query', 'fragment', 'form_post'])],
      ['grant_types_supported (absent)', field('grant_types_supported', undefined)],
      [
        'token_endpoint_auth_methods_supported',
        field('token_endpoint_auth_methods_supported', ['client_secret_post', 'private_key_jwt', 'client_secret_basic']),
      ],
      ['scopes_supported', field('scopes_supported', ['openid', 'profile', 'email', 'offline_access'])],
      ['subject_types_supported', field('subject_types_supported', ['pairwise'])],
      ['code_challenge_methods_supported (absent)', field('code_challenge_methods_supported', undefined)],
      ['id_token_signing_alg_values_supported', field('id_token_signing_alg_values_supported', ['RS256'])],
      ['end_session_endpoint (present)', isUrl('end_session_endpoint')],
      [
        'other fields (tenant document: tenant_region_scope a region)',
        both(
          isUrl('kerberos_endpoint'),
          shaped('tenant_region_scope', /^[A-Z]{2}$/),
          fields({
            request_uri_parameter_supported: false,
            http_logout_supported: true,
            frontchannel_logout_supported: true,
            cloud_instance_name: 'microsoftonline.com',
            cloud_graph_host_name: 'graph.windows.net',
            msgraph_host: 'graph.microsoft.com',
            rbac_url: 'https://pas.windows.net',
          }),
        ),
      ],
      [
        'claims_supported',
        claims(
          'sub, iss, cloud_instance_name, cloud_instance_host_name, cloud_graph_host_name, msgraph_host, aud, exp, iat, auth_time, acr, nonce, preferred_username, name, tid, ver, at_hash, c_hash, email',
        ),
      ],
    ],
    endpoints: [
      ['discovery', servedAt(atVendorHost('entra', `/${GUID}/v2\\.0/\\.well-known/openid-configuration`))],
      ['authorize', entraPath('authorization_endpoint', '/oauth2/v2\\.0/authorize')],
      ['token', entraPath('token_endpoint', '/oauth2/v2\\.0/token')],
      [
        'userinfo (graph.microsoft.com: only the path /oidc/userinfo compared)',
        shaped('userinfo_endpoint', new RegExp(`^${MOCK_HOST.entra}(?:/.*)?/oidc/userinfo$`)),
      ],
      ['jwks', entraPath('jwks_uri', '/discovery/v2\\.0/keys')],
      ['logout', entraPath('end_session_endpoint', '/oauth2/v2\\.0/logout')],
      ['revocation (none)', field('revocation_endpoint', undefined)],
      ['device', entraPath('device_authorization_endpoint', '/oauth2/v2\\.0/devicecode')],
      ['other (kerberos)', entraPath('kerberos_endpoint', '/kerberos')],
    ],
  },
  okta: {
    rows: [
      [
        'issuer (custom AS: https://{org}.okta.com/oauth2/{default|aus…})',
        shaped('issuer', atVendorHost('okta', '/oauth2/(?:default|aus[A-Za-z0-9]+)')),
      ],
      ['first key / field count (custom AS 2023: 26)', firstAndCount('issuer', 26)],
      [
        'response_types_supported',
        field('response_types_supported', ['code', 'id_token', 'code id_token', 'code token', 'id_token token', 'code id_token token']),
      ],
      ['response_modes_supported', field('response_modes_supported', ['query', 'fragment', 'form_post', 'okta_post_message'])],
      [
        'grant_types_supported (2023)',
        field('grant_types_supported', [
          'authorization_code',
          'implicit',
          'refresh_token',
          'password',
          'urn:ietf:params:oauth:grant-type:device_code',
          'urn:openid:params:grant-type:ciba',
        ]),
      ],
      ['token_endpoint_auth_methods_supported', field('token_endpoint_auth_methods_supported', OKTA_AUTH)],
      [
        'scopes_supported (custom 2023)',
        field('scopes_supported', [
          'okta.myAccount.appAuthenticator.maintenance.manage',
          'okta.myAccount.appAuthenticator.maintenance.read',
          'okta.myAccount.appAuthenticator.manage',
          'okta.myAccount.appAuthenticator.read',
          'okta.myAccount.email.manage',
          'okta.myAccount.email.read',
          'okta.myAccount.manage',
          'okta.myAccount.phone.manage',
          'okta.myAccount.phone.read',
          'okta.myAccount.profile.manage',
          'okta.myAccount.profile.read',
          'okta.myAccount.read',
          'openid',
          'profile',
          'email',
          'address',
          'phone',
          'offline_access',
          'device_sso',
        ]),
      ],
      ['subject_types_supported', field('subject_types_supported', ['public'])],
      ['code_challenge_methods_supported', field('code_challenge_methods_supported', ['S256'])],
      ['id_token_signing_alg_values_supported', field('id_token_signing_alg_values_supported', ['RS256'])],
      ['end_session_endpoint (present)', isUrl('end_session_endpoint')],
      [
        'other fields (custom 2023)',
        both(
          isUrl('registration_endpoint'),
          isUrl('introspection_endpoint'),
          isUrl('revocation_endpoint'),
          isUrl('device_authorization_endpoint'),
          isUrl('pushed_authorization_request_endpoint'),
          fields({
            introspection_endpoint_auth_methods_supported: OKTA_AUTH,
            revocation_endpoint_auth_methods_supported: OKTA_AUTH,
            request_parameter_supported: true,
            request_object_signing_alg_values_supported: OKTA_ALGS,
            backchannel_token_delivery_modes_supported: ['poll'],
            backchannel_authentication_request_signing_alg_values_supported: OKTA_ALGS,
          }),
        ),
      ],
      [
        'claims_supported',
        claims(
          'iss, ver, sub, aud, iat, exp, jti, auth_time, amr, idp, nonce, name, nickname, preferred_username, given_name, middle_name, family_name, email, email_verified, profile, zoneinfo, locale, address, phone_number, picture, website, gender, birthdate, updated_at, at_hash, c_hash',
        ),
      ],
    ],
    endpoints: [
      ['discovery (custom AS)', servedAt(atVendorHost('okta', `${AS}/\\.well-known/openid-configuration`))],
      ['authorize (custom AS)', shaped('authorization_endpoint', atVendorHost('okta', `${AS}/v1/authorize`))],
      ['token (custom AS)', shaped('token_endpoint', atVendorHost('okta', `${AS}/v1/token`))],
      ['userinfo (custom AS)', shaped('userinfo_endpoint', atVendorHost('okta', `${AS}/v1/userinfo`))],
      ['jwks (custom AS)', shaped('jwks_uri', atVendorHost('okta', `${AS}/v1/keys`))],
      ['logout (custom AS)', shaped('end_session_endpoint', atVendorHost('okta', `${AS}/v1/logout`))],
      ['revocation (custom AS)', shaped('revocation_endpoint', atVendorHost('okta', `${AS}/v1/revoke`))],
      ['device (custom AS)', shaped('device_authorization_endpoint', atVendorHost('okta', `${AS}/v1/device/authorize`))],
      [
        'other (custom AS: introspect, PAR; registration stays /oauth2/v1/clients)',
        both(
          shaped('introspection_endpoint', atVendorHost('okta', `${AS}/v1/introspect`)),
          shaped('pushed_authorization_request_endpoint', atVendorHost('okta', `${AS}/v1/par`)),
          shaped('registration_endpoint', atVendorHost('okta', '/oauth2/v1/clients')),
        ),
      ],
    ],
  },
  google: {
    rows: [
      ['issuer (https://accounts.google.com)', shaped('issuer', atVendorHost('google', ''))],
      ['first key / field count', firstAndCount('issuer', 15)],
      [
        'response_types_supported',
        field('response_types_supported', [
          'code',
          'token',
          'id_token',
          'code token',
          'code id_token',
          'token id_token',
          'code token id_token',
          'none',
        ]),
      ],
      ['response_modes_supported (absent)', field('response_modes_supported', undefined)],
      [
        'grant_types_supported',
        field('grant_types_supported', [
          'authorization_code',
          'refresh_token',
          'urn:ietf:params:oauth:grant-type:device_code',
          'urn:ietf:params:oauth:grant-type:jwt-bearer',
        ]),
      ],
      [
        'token_endpoint_auth_methods_supported',
        field('token_endpoint_auth_methods_supported', ['client_secret_post', 'client_secret_basic']),
      ],
      ['scopes_supported', field('scopes_supported', ['openid', 'email', 'profile'])],
      ['subject_types_supported', field('subject_types_supported', ['public'])],
      ['code_challenge_methods_supported', field('code_challenge_methods_supported', ['plain', 'S256'])],
      ['id_token_signing_alg_values_supported', field('id_token_signing_alg_values_supported', ['RS256'])],
      ['end_session_endpoint (absent)', field('end_session_endpoint', undefined)],
      [
        'other fields (none)',
        (doc) =>
          same(
            "fields beyond the table's",
            Object.keys(doc).filter(
              (key) =>
                ![
                  'issuer',
                  'authorization_endpoint',
                  'device_authorization_endpoint',
                  'token_endpoint',
                  'userinfo_endpoint',
                  'revocation_endpoint',
                  'jwks_uri',
                  'response_types_supported',
                  'subject_types_supported',
                  'id_token_signing_alg_values_supported',
                  'scopes_supported',
                  'token_endpoint_auth_methods_supported',
                  'claims_supported',
                  'code_challenge_methods_supported',
                  'grant_types_supported',
                ].includes(key),
            ),
            [],
          ),
      ],
      ['claims_supported (2024)', claims('aud, email, email_verified, exp, family_name, given_name, iat, iss, name, picture, sub')],
    ],
    // Google's endpoints are on four hosts; the mock's one Google prefix stands for all of them, so the paths are compared.
    endpoints: [
      ['discovery', servedAt(atVendorHost('google', '/\\.well-known/openid-configuration'))],
      [
        'authorize (accounts.google.com/o/oauth2/v2/auth: path compared)',
        shaped('authorization_endpoint', atVendorHost('google', '/o/oauth2/v2/auth')),
      ],
      ['token (oauth2.googleapis.com/token: path compared)', shaped('token_endpoint', atVendorHost('google', '/token'))],
      [
        'userinfo (openidconnect.googleapis.com/v1/userinfo: path compared)',
        shaped('userinfo_endpoint', atVendorHost('google', '/v1/userinfo')),
      ],
      ['jwks (www.googleapis.com/oauth2/v3/certs: path compared)', shaped('jwks_uri', atVendorHost('google', '/oauth2/v3/certs'))],
      ['logout (none)', field('end_session_endpoint', undefined)],
      ['revocation (oauth2.googleapis.com/revoke: path compared)', shaped('revocation_endpoint', atVendorHost('google', '/revoke'))],
      [
        'device (oauth2.googleapis.com/device/code: path compared)',
        shaped('device_authorization_endpoint', atVendorHost('google', '/device/code')),
      ],
      [
        'other (none)',
        onlyEndpoints([
          'authorization_endpoint',
          'token_endpoint',
          'userinfo_endpoint',
          'jwks_uri',
          'revocation_endpoint',
          'device_authorization_endpoint',
        ]),
      ],
    ],
  },
  auth0: {
    rows: [
      ['issuer (https://{tenant}/, trailing slash)', shaped('issuer', atVendorHost('auth0', '/'))],
      ['first key / field count', firstAndCount('issuer', 20)],
      [
        'response_types_supported',
        field('response_types_supported', [
          'code',
          'token',
          'id_token',
          'code token',
          'code id_token',
          'token id_token',
          'code token id_token',
        ]),
      ],
      ['response_modes_supported', field('response_modes_supported', ['query', 'fragment', 'form_post'])],
      ['grant_types_supported (absent)', field('grant_types_supported', undefined)],
      [
        'token_endpoint_auth_methods_supported',
        field('token_endpoint_auth_methods_supported', ['client_secret_basic', 'client_secret_post', 'private_key_jwt']),
      ],
      [
        'scopes_supported',
        field('scopes_supported', [
          'openid',
          'profile',
          'offline_access',
          'name',
          'given_name',
          'family_name',
          'nickname',
          'email',
          'email_verified',
          'picture',
          'created_at',
          'identities',
          'phone',
          'address',
        ]),
      ],
      ['subject_types_supported', field('subject_types_supported', ['public'])],
      ['code_challenge_methods_supported', field('code_challenge_methods_supported', ['S256', 'plain'])],
      ['id_token_signing_alg_values_supported', field('id_token_signing_alg_values_supported', ['HS256', 'RS256', 'PS256'])],
      ['end_session_endpoint (2023-09: absent)', field('end_session_endpoint', undefined)],
      [
        'other fields',
        both(
          isUrl('mfa_challenge_endpoint'),
          isUrl('registration_endpoint'),
          fields({
            request_uri_parameter_supported: false,
            request_parameter_supported: false,
            token_endpoint_auth_signing_alg_values_supported: ['RS256', 'RS384', 'PS256'],
          }),
        ),
      ],
      [
        'claims_supported',
        claims(
          'aud, auth_time, created_at, email, email_verified, exp, family_name, given_name, iat, identities, iss, name, nickname, phone_number, picture, sub',
        ),
      ],
    ],
    endpoints: [
      ['discovery', servedAt(atVendorHost('auth0', '/\\.well-known/openid-configuration'))],
      ['authorize', shaped('authorization_endpoint', atVendorHost('auth0', '/authorize'))],
      ['token', shaped('token_endpoint', atVendorHost('auth0', '/oauth/token'))],
      ['userinfo', shaped('userinfo_endpoint', atVendorHost('auth0', '/userinfo'))],
      ['jwks', shaped('jwks_uri', atVendorHost('auth0', '/\\.well-known/jwks\\.json'))],
      ['logout (/oidc/logout on newer tenants only; 2023-09: none)', field('end_session_endpoint', undefined)],
      ['revocation', shaped('revocation_endpoint', atVendorHost('auth0', '/oauth/revoke'))],
      ['device', shaped('device_authorization_endpoint', atVendorHost('auth0', '/oauth/device/code'))],
      [
        'other (/mfa/challenge, registration /oidc/register)',
        both(
          shaped('mfa_challenge_endpoint', atVendorHost('auth0', '/mfa/challenge')),
          shaped('registration_endpoint', atVendorHost('auth0', '/oidc/register')),
        ),
      ],
    ],
  },
};

function featuresOf(vendor: Vendor): DocumentFeature<'discovery'>[] {
  const { rows, endpoints } = VENDORS[vendor];
  return [
    ...rows.map(([feature, check]) => ({ document: 'discovery' as const, vendor, feature, check })),
    {
      document: 'discovery',
      vendor,
      feature:
        'no claims_parameter_supported, claim_types_supported, dpop_signing_alg_values_supported or request_uri_parameter_supported: true',
      check: NOBODY,
    },
    {
      document: 'discovery',
      vendor,
      feature:
        "pushed_authorization_request_endpoint only Okta's, token_endpoint_auth_signing_alg_values_supported only Auth0's, introspection_endpoint only Okta's",
      check: exclusive(vendor),
    },
    ...endpoints.map(([row, check]): DocumentFeature<'discovery'> =>
      typeof check === 'function'
        ? { document: 'discovery', vendor, feature: `endpoint shape: ${row}`, check }
        : { document: 'discovery', vendor, feature: `endpoint shape: ${row}`, notModelled: check[0], check: check[1] },
    ),
  ];
}

export const DISCOVERY_FEATURES: readonly DocumentFeature<'discovery'>[] = (['entra', 'okta', 'google', 'auth0'] as const).flatMap(
  featuresOf,
);
