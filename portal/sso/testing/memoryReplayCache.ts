// In-memory ReplayCache for tests (the portal persists its own in SQLite).
import type { ReplayCache } from '../samlLogin.ts';

export class MemoryReplayCache implements ReplayCache {
  readonly entries = new Map<string, number>();

  has(id: string): boolean {
    return this.entries.has(id);
  }

  add(id: string, expiresAt: number): void {
    this.entries.set(id, expiresAt);
  }
}
