// The harness provisioning token: a Bearer token compared in constant time. Absent option =
// the harness API does not exist.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { PortalContext } from '../context.ts';
import { defectOn } from '../defects.ts';

export function isHarnessRequest(ctx: PortalContext, req: Request): boolean {
  const expected = ctx.harnessToken;
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!expected || !match?.[1]) return false;
  if (defectOn(ctx.defects, 'harness-token-prefix') && expected.startsWith(match[1])) return true;
  // Compare digests so the comparison takes the same time whatever the token length.
  const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match[1]), digest(expected));
}
