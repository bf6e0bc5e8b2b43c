// The provisioning API's Bearer token is compared in full — and what the prefix defect switch lets through.
import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import type { PortalContext } from '../context.ts';
import { parseDefects } from '../defects.ts';
import { isHarnessRequest } from './harnessAuth.ts';

const TOKEN = 'harness-token-0123456789abcdef';
const ctx = (defects: readonly string[] = []): PortalContext =>
  ({ harnessToken: TOKEN, defects: parseDefects(defects) }) as unknown as PortalContext;
const withBearer = (token: string | undefined): Request =>
  ({ headers: token === undefined ? {} : { authorization: `Bearer ${token}` } }) as unknown as Request;

describe('the harness token', () => {
  it('is taken in full only', () => {
    expect(isHarnessRequest(ctx(), withBearer(TOKEN))).toBe(true);
    for (const near of [undefined, '', TOKEN.slice(0, -1), TOKEN.slice(0, 1), `${TOKEN}x`, TOKEN.slice(1), TOKEN.toUpperCase()]) {
      expect(isHarnessRequest(ctx(), withBearer(near))).toBe(false);
    }
  });

  it('harness-token-prefix takes a token cut short, not one extended or in other case', () => {
    expect(isHarnessRequest(ctx(['harness-token-prefix']), withBearer(TOKEN.slice(0, 1)))).toBe(true);
    expect(isHarnessRequest(ctx(['harness-token-prefix']), withBearer(`${TOKEN}x`))).toBe(false);
    expect(isHarnessRequest(ctx(['harness-token-prefix']), withBearer(TOKEN.toUpperCase()))).toBe(false);
  });
});
