import { describe, expect, it } from 'vitest';
import { isReasonCode } from '../lib/index.ts';
import { DEFECT_IDS, DEFECTS, defectOn, parseDefects } from './defects.ts';

describe('defect switches', () => {
  it('has at least 12 switches, each naming one check and where it is honoured', () => {
    expect(DEFECT_IDS.length).toBeGreaterThanOrEqual(12);
    for (const id of DEFECT_IDS) {
      const info: { check: string; where: string; bypasses?: string } = DEFECTS[id];
      expect(info.check.length).toBeGreaterThan(10);
      expect(info.where).toMatch(/^portal\//);
      if (info.bypasses !== undefined) expect(isReasonCode(info.bypasses)).toBe(true);
    }
  });

  it('parses known ids into a set', () => {
    const set = parseDefects(['saml-skip-audience', 'oidc-skip-nonce']);
    expect(defectOn(set, 'saml-skip-audience')).toBe(true);
    expect(defectOn(set, 'oidc-skip-nonce')).toBe(true);
    expect(defectOn(set, 'saml-skip-issuer')).toBe(false);
  });

  it('parses an empty list into an empty set', () => {
    expect(parseDefects([]).size).toBe(0);
  });

  it('refuses an unknown id and lists the valid ones', () => {
    expect(() => parseDefects(['saml-skip-audience', 'skip-everything'])).toThrow(
      `Unknown defect switch: skip-everything. Defect switches are configuration for harness self-tests; valid ids are: ${DEFECT_IDS.join(', ')}.`,
    );
  });
});
