// Third-party clients nobody here wrote, as the cross-check test meets them: a SAML SP on
// python3-saml (Debian python3-onelogin-saml2) and an OIDC RP on authlib (Debian python3-authlib),
// both in one long-lived /usr/bin/python3 process (pythonClients.py) spoken to in JSON lines, so
// a whole test file pays the interpreter's start once. scripts/setup.sh installs the packages;
// when they are missing, start() fails naming the set-up script (never a silent skip).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** Debian's interpreter, where apt-get puts the packages (not a pyenv python on PATH). */
export const SYSTEM_PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./pythonClients.py', import.meta.url));
const SETUP_HINT = 'Run `bash scripts/setup.sh` (it installs them with apt-get), then run the test again.';

export interface SamlSpSettings {
  readonly entityId: string;
  readonly acs: string;
  readonly wantAssertionsSigned?: boolean;
  readonly wantMessagesSigned?: boolean;
  /** python3-saml's ALLOWED_CLOCK_DRIFT for Conditions (its default: 300 s; it has none for SubjectConfirmationData). */
  readonly clockSkewSeconds?: number;
}

export interface SamlAuthnRequest {
  /** The IdP's SSO URL with python3-saml's deflated SAMLRequest (HTTP-Redirect binding). */
  readonly redirectUrl: string;
  readonly requestId: string;
  /** What python3-saml read from the IdP metadata. */
  readonly idpEntityId: string;
  readonly idpSsoUrl: string;
}

export type SamlVerdict =
  | {
      readonly accepted: true;
      readonly nameId: string;
      readonly nameIdFormat: string;
      readonly issuers: readonly string[];
      readonly audiences: readonly string[];
      readonly inResponseTo: string | null;
      readonly attributes: Readonly<Record<string, readonly string[]>>;
    }
  /**
   * `error`: python3-saml's OneLogin_Saml2_ValidationError constant (e.g. WRONG_AUDIENCE), or the exception class when it could not read
   * the response.
   */
  | { readonly accepted: false; readonly error: string; readonly message: string };

export interface OidcRpSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly scope?: string;
  /** Extra authorization request parameters (e.g. Google's access_type=offline). */
  readonly authorizeParams?: Readonly<Record<string, string>>;
  /** authlib's leeway on exp / nbf / iat (default 0). */
  readonly clockSkewSeconds?: number;
}

export interface OidcRefresh {
  readonly issued: boolean;
  readonly refreshed?: boolean;
  readonly rotated?: boolean;
  readonly idToken?: boolean;
  readonly sameUser?: boolean;
  readonly error?: string;
  readonly description?: string;
  /** When the refresh rotated the token: the replaced one presented again, and the IdP's answer. */
  readonly reuse?: { readonly refused: boolean; readonly error?: string };
}

/** Where authlib's RP stopped: the redirect back, the token endpoint, ID-token validation, UserInfo, or the discovery document. */
export type OidcStage = 'discovery' | 'authorize' | 'token' | 'id_token' | 'userinfo';

export type OidcVerdict =
  | {
      readonly accepted: true;
      readonly claims: Readonly<Record<string, unknown>>;
      readonly userinfo: Readonly<Record<string, unknown>>;
      readonly scope?: string;
      readonly refresh: OidcRefresh;
    }
  /**
   * `error`: authlib's error code (bad_signature, invalid_claim, missing_claim, expired_token, unsupported_algorithm, …); `claim` names the
   * claim.
   */
  | {
      readonly accepted: false;
      readonly stage: OidcStage;
      readonly error: string;
      readonly description: string;
      readonly claim: string | null;
    };

interface Pending {
  resolve(value: Record<string, unknown>): void;
  reject(error: Error): void;
}

export class PythonClients {
  readonly versions: Readonly<Record<string, string>>;
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #pending = new Map<number, Pending>();
  readonly #stderr: string[];
  #nextId = 1;
  #exited: Error | undefined;

  private constructor(
    child: ChildProcessWithoutNullStreams,
    versions: Record<string, string>,
    lines: AsyncIterator<string>,
    stderr: string[],
  ) {
    this.#child = child;
    this.versions = versions;
    this.#stderr = stderr;
    void this.#read(lines);
  }

  /** Start the python process; fails with what to run when the interpreter or a package is missing. */
  static async start(): Promise<PythonClients> {
    if (!existsSync(SYSTEM_PYTHON))
      throw new Error(
        `The third-party client tests need Debian's ${SYSTEM_PYTHON} with python3-onelogin-saml2 and python3-authlib, and ${SYSTEM_PYTHON} does not exist. ${SETUP_HINT}`,
      );
    const child = spawn(SYSTEM_PYTHON, ['-I', '-B', '-u', SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
    const stderr: string[] = [];
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr.push(chunk);
    });
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const first = await lines.next();
    if (first.done) throw new Error(`${SYSTEM_PYTHON} ${SCRIPT} ended before it said it was ready: ${stderr.join('').slice(-2000)}`);
    const hello = JSON.parse(first.value) as { ready: boolean; missing?: string[]; versions?: Record<string, string> };
    if (!hello.ready) {
      child.stdin.end();
      throw new Error(
        `The third-party client tests need Debian packages that are not installed for ${SYSTEM_PYTHON}: ${(hello.missing ?? []).join(', ')}. ${SETUP_HINT}`,
      );
    }
    return new PythonClients(child, hello.versions ?? {}, lines, stderr);
  }

  async #read(lines: AsyncIterator<string>): Promise<void> {
    for (let line = await lines.next(); !line.done; line = await lines.next()) {
      const { id, ...answer } = JSON.parse(line.value) as Record<string, unknown> & { id: number; failed?: string; where?: number };
      const pending = this.#pending.get(id);
      this.#pending.delete(id);
      if (!pending) continue;
      if (answer.failed !== undefined) pending.reject(new Error(`pythonClients.py failed (line ${answer.where ?? '?'}): ${answer.failed}`));
      else pending.resolve(answer);
    }
    this.#exited = new Error(`pythonClients.py exited: ${this.#stderr.join('').slice(-2000)}`);
    for (const pending of this.#pending.values()) pending.reject(this.#exited);
    this.#pending.clear();
  }

  #call(op: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (this.#exited) return Promise.reject(this.#exited);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#child.stdin.write(`${JSON.stringify({ id, op, ...body })}\n`);
    });
  }

  /** python3-saml, configured from the IdP's metadata XML, writes an AuthnRequest (HTTP-Redirect). */
  async samlAuthnRequest(sp: SamlSpSettings, idpMetadata: string, relayState?: string): Promise<SamlAuthnRequest> {
    return (await this.#call('saml.authn-request', {
      sp,
      idpMetadata,
      ...(relayState === undefined ? {} : { relayState }),
    })) as unknown as SamlAuthnRequest;
  }

  /** python3-saml's verdict on a SAMLResponse posted to the SP's ACS; `requestId` for an SP-initiated login. */
  async samlAcs(sp: SamlSpSettings, idpMetadata: string, samlResponse: string, requestId?: string): Promise<SamlVerdict> {
    return (await this.#call('saml.acs', {
      sp,
      idpMetadata,
      samlResponse,
      ...(requestId === undefined ? {} : { requestId }),
    })) as unknown as SamlVerdict;
  }

  /** authlib reads discovery and builds an authorization URL with PKCE (S256), state and nonce; returns the session to finish. */
  async oidcBegin(rp: OidcRpSettings): Promise<{ session: string; authorizeUrl: string }> {
    return (await this.#call('oidc.begin', { ...rp })) as unknown as { session: string; authorizeUrl: string };
  }

  /**
   * authlib at the redirect URI: state, code exchange with client_secret_basic and the verifier, ID-token validation against the JWKS,
   * UserInfo, one refresh when a refresh token came.
   */
  async oidcFinish(session: string, callbackUrl: string): Promise<OidcVerdict> {
    return (await this.#call('oidc.finish', { session, callbackUrl })) as unknown as OidcVerdict;
  }

  async close(): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.#child.once('exit', () => resolve()));
    this.#child.stdin.end();
    await exited;
  }
}
