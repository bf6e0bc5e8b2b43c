// What one test's Playwright trace (trace.zip) says the test made the browser do: the documents it
// rendered (navigations that ended on a page, not redirects), the browser contexts it opened and
// the Playwright actions it took in them. For bench/storyFloor.ts: a story's floor is its
// documents and contexts at what each costs the browser (bench/browserCost.ts).
import { strFromU8, unzipSync } from 'fflate';

export interface TraceHops {
  /** Documents loaded to a page (an answer outside 3xx; not a navigation cut short): what the renderer parsed, styled and laid out. */
  readonly documents: number;
  /** Browser contexts (Chromium's; API request contexts have a trace of their own without a browser). */
  readonly contexts: number;
  /** Playwright calls recorded in the browser contexts (goto, click, fill, expect, …). */
  readonly actions: number;
}

interface TraceEvent {
  readonly type?: string;
  readonly browserName?: string;
  readonly snapshot?: { readonly _resourceType?: string; readonly response?: { readonly status?: number } };
}

function events(text: string): TraceEvent[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as TraceEvent);
}

/** Counts the hops of the trace in `zip` (the bytes of a trace.zip). */
export function traceHops(zip: Uint8Array): TraceHops {
  const files = unzipSync(zip);
  let documents = 0;
  let contexts = 0;
  let actions = 0;
  for (const [name, bytes] of Object.entries(files)) {
    const chunk = /^(.*?)(\d+)-trace\.trace$/.exec(name);
    if (!chunk) continue;
    const recorded = events(strFromU8(bytes));
    if (!recorded.some((event) => event.type === 'context-options' && event.browserName)) continue;
    contexts += 1;
    actions += recorded.filter((event) => event.type === 'before').length;
    const network = files[`${chunk[1]}${chunk[2]}-trace.network`];
    for (const event of network ? events(strFromU8(network)) : []) {
      const status = event.snapshot?.response?.status ?? 0;
      if (
        event.type === 'resource-snapshot' &&
        event.snapshot?._resourceType === 'document' &&
        status >= 200 &&
        (status < 300 || status >= 400)
      )
        documents += 1;
    }
  }
  return { documents, contexts, actions };
}
