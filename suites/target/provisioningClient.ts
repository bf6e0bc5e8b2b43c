// HTTP client of the harness provisioning API (lib/harnessContract.ts), used by both
// targets: the embedded reference portal and a remote OE test environment. The Bearer token is a
// secret: it goes in the Authorization header and nowhere else (never in an error message).
import {
  HARNESS_PATHS,
  type AccountSpec,
  type AccountState,
  type ProvisionedAccount,
  type SeatChangeSpec,
  type SsoConfigSpec,
  freshConnectionFetch,
} from '../../lib/index.ts';

/** A call to a live provisioning API went wrong; the message says which call, what came back and what to check. */
export class ProvisioningError extends Error {
  readonly status: number | undefined;

  constructor(message: string, status?: number) {
    super(message);
    this.name = 'ProvisioningError';
    this.status = status;
  }
}

/** Long enough for a loaded CI machine to hash a few seat passwords; short enough not to hang a test on a dead OE. */
const CALL_TIMEOUT_MS = 20_000;

/** The `message` of a JSON error body, or the start of a text body, for an error message. */
async function answerText(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const json = JSON.parse(text) as { message?: unknown };
    if (typeof json.message === 'string') return json.message;
  } catch {
    // Not JSON: show the start of the text.
  }
  const plain = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > 200 ? `${plain.slice(0, 200)}…` : plain || '(empty body)';
}

export class ProvisioningClient {
  readonly url: string;
  readonly #token: string;

  /** `url`: where the API lives (its paths start with /_harness); `token`: its Bearer token. */
  constructor(url: string, token: string) {
    this.url = url.replace(/\/$/, '');
    this.#token = token;
  }

  /** One raw call (the preflight reads the status itself). */
  async call(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    path: string,
    options: { readonly body?: unknown; readonly timeoutMs?: number } = {},
  ): Promise<Response> {
    return this.#send(method, path, this.#token, options);
  }

  /**
   * The status the API answers to a read of this account with the token changed by `alter` (its
   * result the Bearer token sent; undefined = no Authorization header). The token stays in here.
   */
  async statusWithAlteredToken(accountId: number, alter: (token: string) => string | undefined): Promise<number> {
    const response = await this.#send('GET', HARNESS_PATHS.account(accountId), alter(this.#token));
    await response.body?.cancel();
    return response.status;
  }

  /** `token` undefined: no Authorization header. */
  #send(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    path: string,
    token: string | undefined,
    options: { readonly body?: unknown; readonly timeoutMs?: number } = {},
  ): Promise<Response> {
    return freshConnectionFetch(`${this.url}${path}`, {
      method,
      headers: {
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? CALL_TIMEOUT_MS),
    });
  }

  async createAccount(spec: AccountSpec): Promise<ProvisionedAccount> {
    return this.#json<ProvisionedAccount>('POST', HARNESS_PATHS.accounts, 201, spec);
  }

  async accountState(accountId: number): Promise<AccountState> {
    return this.#json<AccountState>('GET', HARNESS_PATHS.account(accountId), 200);
  }

  /** The optional fast path: save (and enable) an SSO configuration without the admin UI. */
  async configureSso(accountId: number, spec: SsoConfigSpec): Promise<void> {
    await this.#json<unknown>('PUT', HARNESS_PATHS.accountSso(accountId), 200, spec);
  }

  /**
   * The optional seat change: disable (or enable) a seat. `false` when the API does not offer it
   * (404, 405 or 501); any other answer but 200 is an error.
   */
  async setSeatDisabled(accountId: number, seatId: number, disabled: boolean): Promise<boolean> {
    const path = HARNESS_PATHS.accountSeat(accountId, seatId);
    const response = await this.call('PATCH', path, { body: { disabled } satisfies SeatChangeSpec });
    if ([404, 405, 501].includes(response.status)) {
      await response.body?.cancel();
      return false;
    }
    if (response.status !== 200)
      throw new ProvisioningError(
        `The provisioning API answered PATCH ${this.url}${path} with ${response.status} instead of 200: ${await answerText(response)}.`,
        response.status,
      );
    await response.body?.cancel();
    return true;
  }

  async #json<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, expected: number, body?: unknown): Promise<T> {
    const where = `${method} ${this.url}${path}`;
    let response: Response;
    try {
      response = await this.call(method, path, body === undefined ? {} : { body });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      throw new ProvisioningError(`The provisioning API did not answer ${where} (${cause}). Is the OE test environment still running?`);
    }
    if (response.status !== expected) {
      const said = await answerText(response);
      const hint =
        response.status === 401 || response.status === 403
          ? ' The Bearer token was refused: check "provisioning.token" in the target file.'
          : '';
      throw new ProvisioningError(
        `The provisioning API answered ${where} with ${response.status} instead of ${expected}: ${said}.${hint}`,
        response.status,
      );
    }
    try {
      return (await response.json()) as T;
    } catch {
      throw new ProvisioningError(
        `The provisioning API answered ${where} with ${expected} but not with JSON: it does not follow the contract (README "Pointing the harness at a real OE environment").`,
        response.status,
      );
    }
  }
}
