import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SAMPLE_RESPONSE, STATE_PLACEHOLDER, malformedAcsBody, malformedCallbackQuery, malformedSamlResponse } from './malformedInputs.ts';

const SEED = 42;
const sample = fc.sample(malformedSamlResponse, { seed: SEED, numRuns: 400 });
const ACS_BODY_LIMIT = 512 * 1024;

describe('malformed SAMLResponse values', () => {
  it('cover every kind', () => {
    expect(new Set(sample.map((input) => input.kind))).toEqual(
      new Set([
        'bad-base64',
        'not-xml',
        'truncated-xml',
        'huge-xml',
        'deep-nesting',
        'wrong-encoding',
        'doctype',
        'not-a-response',
        'raw-unicode',
        'blank',
      ]),
    );
  });

  it('are the same for the same seed (deterministic runs)', () => {
    expect(fc.sample(malformedSamlResponse, { seed: SEED, numRuns: 400 })).toEqual(sample);
  });

  it('never carry valid base64 in the bad-base64 kind', () => {
    for (const { value } of sample.filter((input) => input.kind === 'bad-base64')) {
      const compact = value.replace(/\s+/g, '');
      expect(/^[A-Za-z0-9+/]+={0,2}$/.test(compact) && compact.length % 4 === 0).toBe(false);
    }
  });

  it('size the huge and deep ones on both sides of the ACS body limit', () => {
    const sizes = sample.filter((input) => input.kind === 'huge-xml' || input.kind === 'deep-nesting').map((input) => input.value.length);
    expect(sizes.some((size) => size < ACS_BODY_LIMIT)).toBe(true);
    expect(sizes.some((size) => size > ACS_BODY_LIMIT)).toBe(true);
    expect(Math.max(...sizes)).toBeLessThan(1_000_000);
  });

  it('truncate the sample response and never declare a network entity', () => {
    const truncated = sample
      .filter((input) => input.kind === 'truncated-xml')
      .map((input) => Buffer.from(input.value, 'base64').toString('utf8'));
    expect(truncated.every((xml) => SAMPLE_RESPONSE.startsWith(xml))).toBe(true);
    const doctypes = sample.filter((input) => input.kind === 'doctype').map((input) => Buffer.from(input.value, 'base64').toString('utf8'));
    expect(doctypes.every((xml) => !/SYSTEM\s+"(https?|ftp):/i.test(xml))).toBe(true);
  });
});

describe('malformed ACS bodies and callback queries', () => {
  it('send bodies that are not a valid form post', () => {
    const bodies = fc.sample(malformedAcsBody, { seed: SEED, numRuns: 100 });
    expect(
      bodies.every(
        (input) =>
          input.contentType !== 'application/x-www-form-urlencoded' || input.body.toString('latin1').startsWith('SAMLResponse=%ZZ'),
      ),
    ).toBe(true);
  });

  it('build raw queries, some carrying the live state, some oversized', () => {
    const queries = fc.sample(malformedCallbackQuery, { seed: SEED, numRuns: 300 });
    expect(queries.some((query) => query.includes(`state=${STATE_PLACEHOLDER}`))).toBe(true);
    expect(queries.some((query) => query.length > 16_384)).toBe(true);
    expect(queries.some((query) => query.includes('%ZZ'))).toBe(true);
    expect(queries.some((query) => query === '')).toBe(true);
  });
});
