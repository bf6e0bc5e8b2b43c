import { describe, expect, it } from 'vitest';
import { runBounded, runBoundedSync, type Clock } from './bounded.ts';

/** A clock that advances `tick` ms each time it is read: deterministic time bounds. */
function steppingClock(tick: number): Clock {
  let t = 0;
  return () => {
    const current = t;
    t += tick;
    return current;
  };
}

describe('runBoundedSync', () => {
  it('stops at maxCount when time allows', () => {
    const seen: number[] = [];
    const run = runBoundedSync({ maxCount: 5, maxMs: 1e9 }, (i) => seen.push(i), steppingClock(1));
    expect(run).toMatchObject({ count: 5, stoppedBy: 'count' });
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });

  it('stops at maxMs when the count is out of reach', () => {
    // Each iteration reads the clock once (10 ms per read): reads at 0 (start), 10, 20, 30 → stops.
    const run = runBoundedSync({ maxCount: 1000, maxMs: 30 }, () => undefined, steppingClock(10));
    expect(run).toMatchObject({ count: 2, stoppedBy: 'time' });
  });

  it.each([
    { bounds: { maxCount: 0, maxMs: 10 }, message: 'maxCount must be a positive whole number, not 0.' },
    { bounds: { maxCount: 1.5, maxMs: 10 }, message: 'maxCount must be a positive whole number, not 1.5.' },
    { bounds: { maxCount: 1, maxMs: 0 }, message: 'maxMs must be positive, not 0.' },
  ])('refuses $bounds', ({ bounds, message }) => {
    expect(() => runBoundedSync(bounds, () => undefined)).toThrow(message);
  });
});

describe('runBounded', () => {
  it('keeps `concurrency` steps in flight and runs each index exactly once', async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: number[] = [];
    const run = await runBounded(
      { maxCount: 20, maxMs: 1e9 },
      4,
      async (i) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await Promise.resolve();
        seen.push(i);
        inFlight--;
      },
      steppingClock(1),
    );
    expect(run).toMatchObject({ count: 20, stoppedBy: 'count' });
    expect(peak).toBe(4);
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('tells each step its lane, and a lane never runs two steps at once', async () => {
    const busy = new Set<number>();
    const lanes = new Set<number>();
    await runBounded(
      { maxCount: 12, maxMs: 1e9 },
      3,
      async (_i, lane) => {
        expect(busy.has(lane)).toBe(false);
        busy.add(lane);
        lanes.add(lane);
        await Promise.resolve();
        busy.delete(lane);
      },
      steppingClock(1),
    );
    expect([...lanes].sort()).toEqual([0, 1, 2]);
  });

  it('stops starting steps once the time bound is reached', async () => {
    const run = await runBounded({ maxCount: 1000, maxMs: 50 }, 1, () => Promise.resolve(), steppingClock(10));
    expect(run.stoppedBy).toBe('time');
    expect(run.count).toBeLessThan(10);
  });

  it("rejects with the failing step's error", async () => {
    await expect(
      runBounded({ maxCount: 3, maxMs: 1e9 }, 2, (i) => (i === 1 ? Promise.reject(new Error('login 1 failed')) : Promise.resolve())),
    ).rejects.toThrow('login 1 failed');
  });

  it('refuses a concurrency of 0', async () => {
    await expect(runBounded({ maxCount: 3, maxMs: 10 }, 0, () => Promise.resolve())).rejects.toThrow(
      'concurrency must be a positive whole number, not 0.',
    );
  });
});
