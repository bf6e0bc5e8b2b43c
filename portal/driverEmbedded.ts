// The embedded reference portal as a test target: started in-process on a free loopback port
// with a throw-away data directory and a random harness token, provisioned through the harness
// API (HTTP), removed on close. Others reach it through portal/index.ts (startEmbeddedPortal), which loads it on the call.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccountSpec, ProvisionedAccount } from '../lib/index.ts';
import { createPortal, type Portal, type PortalOptions } from './app.ts';

export type { AccountSpec, ProvisionedAccount, SeatSpec } from '../lib/index.ts';

export interface EmbeddedPortal {
  readonly url: string;
  readonly portal: Portal;
  readonly dataDir: string;
  readonly harnessToken: string;
  createAccount(spec: AccountSpec): Promise<ProvisionedAccount>;
  createSupportStaff(staff: { name: string; email: string; password: string }): Promise<{ id: number; name: string; email: string }>;
  close(): Promise<void>;
}

export type EmbeddedPortalOptions = Omit<PortalOptions, 'dataDir' | 'harnessToken'> & { readonly dataDir?: string };

export async function startEmbeddedPortal(options: EmbeddedPortalOptions = {}): Promise<EmbeddedPortal> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'oe-portal-'));
  const harnessToken = randomBytes(24).toString('base64url');
  let portal: Portal;
  try {
    portal = await createPortal({ ...options, dataDir, harnessToken });
  } catch (error) {
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const call = async <T>(path: string, body: unknown): Promise<T> => {
    const response = await fetch(`${portal.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${harnessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json: unknown = await response.json();
    if (response.status !== 201) throw new Error(`Harness API ${path} answered ${response.status}: ${JSON.stringify(json)}`);
    return json as T;
  };
  return {
    url: portal.url,
    portal,
    dataDir,
    harnessToken,
    createAccount: (spec) => call<ProvisionedAccount>('/_harness/accounts', spec),
    createSupportStaff: (staff) => call<{ id: number; name: string; email: string }>('/_harness/support-staff', staff),
    async close(): Promise<void> {
      await portal.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
