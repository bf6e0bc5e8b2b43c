import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { traceHops } from './traceHops.ts';

const lines = (...events: object[]): Uint8Array => strToU8(events.map((event) => JSON.stringify(event)).join('\n'));
const resource = (resourceType: string, status: number): object => ({
  type: 'resource-snapshot',
  snapshot: { _resourceType: resourceType, response: { status } },
});

describe('traceHops', () => {
  it('counts rendered documents, browser contexts and their actions; not redirects, cut-short navigations, stylesheets or API request contexts', () => {
    const zip = zipSync({
      '0-trace.trace': lines({ type: 'context-options', browserName: '' }, { type: 'before' }),
      '0-trace.network': lines(resource('document', 200)),
      '1-trace.trace': lines(
        { type: 'context-options', browserName: 'chromium' },
        { type: 'before' },
        { type: 'after' },
        { type: 'before' },
      ),
      '1-trace.network': lines(
        resource('document', 303),
        resource('document', -1),
        resource('document', 200),
        resource('stylesheet', 200),
        resource('document', 400),
      ),
      '2-trace.trace': lines({ type: 'context-options', browserName: 'chromium' }),
      'test.trace': lines({ type: 'before' }, { type: 'before' }),
    });
    expect(traceHops(zip)).toEqual({ documents: 2, contexts: 2, actions: 2 });
  });
});
