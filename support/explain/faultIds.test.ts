import { describe, expect, it } from 'vitest';
import { FAULT_CATALOG } from '../../mock-idps/index.ts';
import { FAULT, xswFault } from './faultIds.ts';

const CATALOG_IDS = new Set(FAULT_CATALOG.map((fault) => fault.id));

describe('fault ids explain and the offline check refer to', () => {
  it.each(Object.entries(FAULT))('%s = %s is a catalog entry', (_name, id) => {
    expect(CATALOG_IDS.has(id)).toBe(true);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8] as const)('XSW%i is a catalog entry', (variant) => {
    expect(CATALOG_IDS.has(xswFault(variant))).toBe(true);
  });
});
