import { describe, expect, it } from 'vitest';
import { processTable } from './processTable.ts';

describe('processTable', () => {
  it('lists this process with its parent, and stat fields after the command name', () => {
    const self = processTable().find((entry) => entry.pid === process.pid);
    expect(self?.ppid).toBe(process.ppid);
    expect(self?.fields[0]).toMatch(/^[RSDTtZXIP]$/);
  });
});
