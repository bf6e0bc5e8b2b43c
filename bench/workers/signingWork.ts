// The two kinds of signing work the throughput benchmarks compare, runnable in the main thread or
// in a worker: raw RSA-2048 SHA-256 signatures with node:crypto (the physical bound), and complete
// signed SAML responses from the personas' own pipeline (mintSamlResponse).
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { SAML_PERSONAS } from '../../mock-idps/index.ts';
import type { PersonaId } from '../../mock-idps/index.ts';
import type { SamlSigningScope } from '../../mock-idps/testing/index.ts';
import { runBounded, runBoundedSync, type BoundedRun, type Bounds } from '../bounded.ts';

export type SigningWork = 'rsa-sign' | 'saml-mint';

/** Signatures in one response, by what the persona signs (Okta signs Response and Assertion). */
const SIGNATURES: Readonly<Record<SamlSigningScope, number>> = { none: 0, assertion: 1, response: 1, both: 2 };

/** The SAML personas in the order the mint loop cycles through them, and how many signatures each response carries. */
export const SAML_MINT_PERSONAS: readonly { readonly id: PersonaId; readonly signatures: number }[] = SAML_PERSONAS.map((persona) => ({
  id: persona.id,
  signatures: SIGNATURES[persona.signing.scope],
}));

const WARM_UP: Bounds = { maxCount: 40, maxMs: 1500 };
const BENCH_SP = { acs: 'http://127.0.0.1:9/sso/acme/saml/acs', audience: 'http://127.0.0.1:9/sso/acme' } as const;

/** A prepared work loop: set up (keys, modules, JIT warm-up) before `run` is timed. */
export interface PreparedWork {
  run(bounds: Bounds): Promise<BoundedRun>;
}

export async function prepareWork(work: SigningWork): Promise<PreparedWork> {
  if (work === 'rsa-sign') {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    // About the size of a canonicalised SAML SignedInfo: the input xml-crypto signs.
    const data = randomBytes(600);
    const step = (): void => {
      sign('sha256', data, privateKey);
    };
    runBoundedSync(WARM_UP, step);
    return { run: (bounds) => Promise.resolve(runBoundedSync(bounds, step)) };
  }
  const [{ mintSamlResponse }, { TenantState }] = await Promise.all([
    import('../../mock-idps/index.ts'),
    import('../../mock-idps/testing/index.ts'),
  ]);
  // One tenant for the whole loop: its signing keys are generated once, as in the running IdP.
  const tenant = new TenantState('bench-mint');
  const email = tenant.directory.byRole('ordinary')?.email ?? 'bob.user@example.com';
  const step = async (index: number): Promise<void> => {
    const persona = SAML_MINT_PERSONAS[index % SAML_MINT_PERSONAS.length]!;
    const minted = await mintSamlResponse({
      persona: persona.id,
      acs: BENCH_SP.acs,
      audience: BENCH_SP.audience,
      email,
      tenant,
      inResponseTo: `_req${index}`,
    });
    if (minted.samlResponse.length === 0) throw new Error(`${persona.id} minted an empty SAMLResponse`);
  };
  await runBounded(WARM_UP, 1, step);
  return { run: (bounds) => runBounded(bounds, 1, step) };
}

/** Signatures per response, averaged over the persona cycle (Okta signs Response and Assertion). */
export function signaturesPerResponse(): number {
  return SAML_MINT_PERSONAS.reduce((sum, p) => sum + p.signatures, 0) / SAML_MINT_PERSONAS.length;
}
