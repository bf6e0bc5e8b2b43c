#!/usr/bin/python3
"""Third-party clients for the cross-check test: a SAML SP built on python3-saml
(Debian python3-onelogin-saml2) and an OIDC relying party built on authlib (Debian
python3-authlib), driven over JSON lines on stdin/stdout by pythonClients.ts.

An independent judge: it reads only what a real SP / RP reads (IdP metadata, OIDC discovery,
JWKS, the posted SAMLResponse, the redirect back) and validates with the libraries' own checks.
It imports nothing of the project. Loopback only: every URL it is asked to fetch must be on
127.0.0.1 / [::1] / localhost. Nothing secret (client secret, code verifier, tokens) is ever
written to stdout or stderr; verdicts carry error codes, claim names and public claim values.

Protocol: the first line written is {"ready": true, "versions": {...}} or, when a package is
missing, {"ready": false, "missing": [...]} (exit status 3). Then one JSON request per input
line, {"id": n, "op": "...", ...}, and one JSON answer per request, {"id": n, ...}.
"""
import json
import os
import re
import sys
import traceback
from urllib.parse import parse_qs, urlsplit

MISSING = []
try:
    from onelogin.saml2.auth import OneLogin_Saml2_Auth
    from onelogin.saml2.constants import OneLogin_Saml2_Constants
    from onelogin.saml2.errors import OneLogin_Saml2_Error, OneLogin_Saml2_ValidationError
    from onelogin.saml2.idp_metadata_parser import OneLogin_Saml2_IdPMetadataParser
    from onelogin.saml2.response import OneLogin_Saml2_Response
    from onelogin.saml2.settings import OneLogin_Saml2_Settings
except ImportError:
    MISSING.append('python3-onelogin-saml2 (python3-saml)')
try:
    import requests  # authlib's OAuth2Session is a requests.Session
    from authlib.common.security import generate_token
    from authlib.integrations.requests_client import OAuth2Session
    from authlib.jose import JsonWebKey, JsonWebToken
    from authlib.jose.errors import JoseError
    from authlib.oidc.core import CodeIDToken
except ImportError:
    MISSING.append('python3-authlib (with python3-requests)')

LOOPBACK = {'127.0.0.1', '::1', 'localhost'}
# authlib refuses plain http unless told; every URL here is checked to be loopback first.
os.environ['AUTHLIB_INSECURE_TRANSPORT'] = '1'


class NotLoopback(Exception):
    pass


def loopback(url):
    host = urlsplit(url).hostname
    if host not in LOOPBACK:
        raise NotLoopback('refusing to contact %s: the third-party clients talk to loopback only' % url)
    return url


# --- SAML SP (python3-saml) ------------------------------------------------------------------------

def code_names(error_class):
    return {value: name for name, value in vars(error_class).items() if name.isupper() and isinstance(value, int)}


VALIDATION_CODES = code_names(OneLogin_Saml2_ValidationError) if not MISSING else {}
ERROR_CODES = code_names(OneLogin_Saml2_Error) if not MISSING else {}


def saml_settings(req):
    """SP settings: the IdP half read from the IdP's metadata, as an admin pasting the metadata URL gets it."""
    parsed = OneLogin_Saml2_IdPMetadataParser.parse(
        req['idpMetadata'], required_sso_binding=OneLogin_Saml2_Constants.BINDING_HTTP_REDIRECT)
    idp = parsed.get('idp')
    if not idp or not idp.get('entityId'):
        raise ValueError('python3-saml found no IdPSSODescriptor with an HTTP-Redirect SingleSignOnService in the metadata')
    sp = req['sp']
    return {
        'strict': True,
        'debug': False,
        'sp': {
            'entityId': sp['entityId'],
            'assertionConsumerService': {'url': sp['acs'], 'binding': OneLogin_Saml2_Constants.BINDING_HTTP_POST},
            'NameIDFormat': OneLogin_Saml2_Constants.NAMEID_UNSPECIFIED,
        },
        'idp': idp,
        'security': {
            'wantNameId': True,
            # Okta and Google send no attributes by default: an attribute statement is not required.
            'wantAttributeStatement': False,
            'wantAssertionsSigned': bool(sp.get('wantAssertionsSigned', False)),
            'wantMessagesSigned': bool(sp.get('wantMessagesSigned', False)),
            'requestedAuthnContext': False,
        },
    }


def acs_request_data(acs, saml_response):
    """The request as python3-saml sees the POST to the ACS (its Destination / Recipient checks compare with this URL)."""
    url = urlsplit(acs)
    return {
        'https': 'on' if url.scheme == 'https' else 'off',
        'http_host': url.netloc,
        'script_name': url.path,
        'get_data': {},
        'post_data': {'SAMLResponse': saml_response},
    }


def saml_authn_request(req):
    settings = saml_settings(req)
    auth = OneLogin_Saml2_Auth(acs_request_data(req['sp']['acs'], ''), settings)
    redirect = auth.login(return_to=req.get('relayState'))
    loopback(redirect)
    return {
        'redirectUrl': redirect,
        'requestId': auth.get_last_request_id(),
        'idpEntityId': settings['idp']['entityId'],
        'idpSsoUrl': settings['idp']['singleSignOnService']['url'],
    }


def saml_acs(req):
    # python3-saml's only clock setting (Conditions NotBefore / NotOnOrAfter; default 300 s). It is
    # module-wide, so it is set for every response from what this SP is configured with.
    OneLogin_Saml2_Constants.ALLOWED_CLOCK_DRIFT = int(req['sp'].get('clockSkewSeconds', 300))
    settings = OneLogin_Saml2_Settings(saml_settings(req))
    request_data = acs_request_data(req['sp']['acs'], req['samlResponse'])
    try:
        response = OneLogin_Saml2_Response(settings, req['samlResponse'])
        response.is_valid(request_data, req.get('requestId'), raise_exceptions=True)
    except OneLogin_Saml2_ValidationError as err:
        return {'accepted': False, 'error': VALIDATION_CODES.get(err.code, 'CODE_%s' % err.code), 'message': str(err)}
    except OneLogin_Saml2_Error as err:  # e.g. an encrypted assertion and no SP private key
        return {'accepted': False, 'error': 'Error.' + ERROR_CODES.get(err.code, str(err.code)), 'message': str(err)}
    except Exception as err:  # a response python3-saml cannot even read (XML, DOCTYPE, encoding)
        return {'accepted': False, 'error': type(err).__name__, 'message': str(err)}
    attributes = response.get_attributes()
    return {
        'accepted': True,
        'nameId': response.get_nameid(),
        'nameIdFormat': response.get_nameid_format(),
        'issuers': response.get_issuers(),
        'audiences': response.get_audiences(),
        'inResponseTo': response.document.get('InResponseTo'),
        'attributes': {name: values for name, values in attributes.items()},
    }


# --- OIDC RP (authlib) ----------------------------------------------------------------------------

SESSIONS = {}
RP_ALGORITHMS = ['RS256']  # what the RP accepts: the vendors' algorithm, never none / HS*


class RpRefusal(Exception):
    def __init__(self, stage, error, description, claim=None):
        super().__init__(description)
        self.stage = stage
        self.error = error
        self.description = description
        self.claim = claim


def http():
    session = requests.Session()
    session.trust_env = False  # no proxy, no netrc: loopback only
    return session


def get_json(session, url, stage):
    response = session.get(loopback(url), timeout=10)
    if response.status_code != 200:
        raise RpRefusal(stage, 'http_%d' % response.status_code, 'GET %s answered %d' % (url, response.status_code))
    return response.json()


def oidc_begin(req):
    issuer = req['issuer']
    discovery_url = issuer.rstrip('/') + '/.well-known/openid-configuration'
    metadata = get_json(http(), discovery_url, 'discovery')
    client = OAuth2Session(
        req['clientId'], req['clientSecret'],
        scope=req.get('scope', 'openid profile email'),
        redirect_uri=req['redirectUri'],
        code_challenge_method='S256',
        token_endpoint_auth_method='client_secret_basic',
    )
    client.trust_env = False
    verifier = generate_token(64)
    nonce = generate_token(32)
    url, state = client.create_authorization_url(
        loopback(metadata['authorization_endpoint']), code_verifier=verifier, nonce=nonce,
        **req.get('authorizeParams', {}))
    session_id = 's%d' % (len(SESSIONS) + 1)
    SESSIONS[session_id] = {
        'client': client, 'issuer': issuer, 'metadata': metadata, 'verifier': verifier, 'nonce': nonce,
        'state': state, 'clientId': req['clientId'], 'leeway': int(req.get('clockSkewSeconds', 0)),
    }
    return {'session': session_id, 'authorizeUrl': url}


def jose_refusal(stage, err):
    description = getattr(err, 'description', None) or str(err)
    # authlib's InvalidClaimError / MissingClaimError name the claim only in their description.
    claim = re.search(r'claim "([^"]+)"|"([^"]+)" claim', description) if isinstance(err, JoseError) else None
    return RpRefusal(stage, getattr(err, 'error', type(err).__name__), description,
                     claim and (claim.group(1) or claim.group(2)))


def validate_id_token(session, id_token, access_token, nonce, stage):
    metadata = session['metadata']
    try:
        jwks = get_json(session['client'], metadata['jwks_uri'], stage)
        keys = JsonWebKey.import_key_set(jwks)
        claims = JsonWebToken(RP_ALGORITHMS).decode(
            id_token, keys, claims_cls=CodeIDToken,
            # authlib checks aud only when told the value (its azp rule alone lets aud=[other] + azp=client through).
            claims_options={'iss': {'essential': True, 'value': session['issuer']},
                            'aud': {'essential': True, 'value': session['clientId']}},
            claims_params={'nonce': nonce, 'client_id': session['clientId'], 'access_token': access_token},
        )
        claims.validate(leeway=session['leeway'])
    except RpRefusal:
        raise
    except Exception as err:
        raise jose_refusal(stage, err)
    return dict(claims)


PUBLIC_CLAIMS = ('iss', 'sub', 'aud', 'azp', 'email', 'email_verified', 'preferred_username', 'name', 'hd', 'tid', 'oid')


def public(claims):
    return {name: claims[name] for name in PUBLIC_CLAIMS if name in claims}


def oidc_finish(req):
    session = SESSIONS.pop(req['session'])
    client = session['client']
    metadata = session['metadata']
    try:
        # OIDC Discovery §4.3: the issuer in the document is the issuer the RP was configured with.
        if metadata.get('issuer') != session['issuer']:
            raise RpRefusal('discovery', 'issuer_mismatch', 'discovery says issuer %r, the RP was configured with %r' % (metadata.get('issuer'), session['issuer']))
        answered = {name: values[0] for name, values in parse_qs(urlsplit(req['callbackUrl']).query).items()}
        if 'error' in answered:
            raise RpRefusal('authorize', answered['error'], answered.get('error_description', ''))
        try:
            token = client.fetch_token(
                loopback(metadata['token_endpoint']), authorization_response=req['callbackUrl'],
                state=session['state'], code_verifier=session['verifier'])
        except Exception as err:
            raise RpRefusal('token', getattr(err, 'error', type(err).__name__), getattr(err, 'description', None) or str(err))
        if 'id_token' not in token:
            raise RpRefusal('token', 'no_id_token', 'the token response has no id_token')
        claims = validate_id_token(session, token['id_token'], token.get('access_token'), session['nonce'], 'id_token')
        try:
            userinfo = get_json(client, metadata['userinfo_endpoint'], 'userinfo')
        except RpRefusal:
            raise
        except Exception as err:
            raise RpRefusal('userinfo', type(err).__name__, str(err))
        # OIDC Core §5.3.2: the UserInfo sub MUST equal the ID token's sub.
        if userinfo.get('sub') != claims.get('sub'):
            raise RpRefusal('userinfo', 'sub_mismatch', 'the UserInfo sub is not the ID token sub')
        refresh = {'issued': 'refresh_token' in token}
        if refresh['issued']:
            refresh.update(oidc_refresh(session, token, claims))
        return {
            'accepted': True, 'claims': public(claims), 'userinfo': public(userinfo),
            'scope': token.get('scope'), 'refresh': refresh,
        }
    except RpRefusal as refusal:
        return {'accepted': False, 'stage': refusal.stage, 'error': refusal.error, 'description': refusal.description, 'claim': refusal.claim}


def oidc_refresh(session, token, claims):
    """Refresh once; a new ID token (when sent) must pass the same checks and name the same user (OIDC Core §12.2)."""
    client = session['client']
    first = token['refresh_token']
    try:
        fresh = client.refresh_token(loopback(session['metadata']['token_endpoint']), refresh_token=first)
    except Exception as err:
        return {'refreshed': False, 'error': getattr(err, 'error', type(err).__name__), 'description': getattr(err, 'description', None) or str(err)}
    result = {'refreshed': 'access_token' in fresh, 'rotated': 'refresh_token' in fresh and fresh['refresh_token'] != first,
              'idToken': 'id_token' in fresh}
    if 'id_token' in fresh:
        try:
            again = validate_id_token(session, fresh['id_token'], fresh.get('access_token'), None, 'refresh')
        except RpRefusal as refusal:
            return {**result, 'refreshed': False, 'error': refusal.error, 'description': refusal.description}
        result['sameUser'] = again.get('sub') == claims.get('sub') and again.get('iss') == claims.get('iss')
    if result['rotated']:
        # The replaced token presented again (a replay, or a client that kept the old one): what the IdP answers.
        try:
            client.refresh_token(loopback(session['metadata']['token_endpoint']), refresh_token=first)
            result['reuse'] = {'refused': False}
        except Exception as err:
            result['reuse'] = {'refused': True, 'error': getattr(err, 'error', type(err).__name__)}
    return result


OPS = {
    'saml.authn-request': saml_authn_request,
    'saml.acs': saml_acs,
    'oidc.begin': oidc_begin,
    'oidc.finish': oidc_finish,
}


def versions():
    import authlib
    import onelogin.saml2  # noqa: F401
    from importlib import metadata as md

    def version(name):
        try:
            return md.version(name)
        except md.PackageNotFoundError:
            return 'unknown'
    return {'python': sys.version.split()[0], 'python3-saml': version('python3-saml'), 'authlib': authlib.__version__,
            'xmlsec': version('xmlsec')}


def main():
    out = sys.stdout
    if MISSING:
        out.write(json.dumps({'ready': False, 'missing': MISSING}) + '\n')
        out.flush()
        sys.exit(3)
    out.write(json.dumps({'ready': True, 'versions': versions()}) + '\n')
    out.flush()
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        try:
            answer = OPS[request['op']](request)
        except Exception as err:  # a defect of this script or a refused URL: named, never a secret
            answer = {'failed': '%s: %s' % (type(err).__name__, err),
                      'where': traceback.extract_tb(err.__traceback__)[-1].lineno}
        out.write(json.dumps({'id': request['id'], **answer}) + '\n')
        out.flush()


if __name__ == '__main__':
    main()
