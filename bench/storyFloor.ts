// What each lifecycle story costs against its floor (issue 15, "count what a story costs against
// its floor"): the story's documents and browser contexts (counted in its trace) at what the browser
// needs for one of each (bench/browserCost.ts, measured in the same run) is the least the browser
// must work for the story; the story's wall time ÷ that floor says how much of the story is page
// loads and how much is everything else (Playwright's actions and trace, the portal and the IdPs,
// waiting). The stories run one at a time (one worker), with the trace the suites record anyway.
// Figures, never assertions.
//
//   npx node bench/storyFloor.ts [--personas okta-saml,google-oidc (default: all)] [--rounds N (default 10)]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromiumExecutable } from '../lib/index.ts';
import { PERSONAS, PERSONA_IDS, type PersonaId } from '../mock-idps/index.ts';
import { runBenchScript, wholeNumberOption } from './benchScript.ts';
import { browserStepCosts, type StepCost } from './browserCost.ts';
import { machineBusyMs } from './machineCpu.ts';
import { runPlaywrightForBench } from './playwrightRun.ts';
import { formatMs, formatNumber, type BenchOutcome, type FigureRow } from './report.ts';
import { traceHops, type TraceHops } from './story/traceHops.ts';

const USAGE = 'Usage: npx node bench/storyFloor.ts [--personas okta-saml,google-oidc (default: all)] [--rounds N (default 10)]';
const CONFIG = join(import.meta.dirname, 'story', 'traceEveryTest.config.ts');

export interface StoryCost extends TraceHops {
  readonly title: string;
  readonly status: string;
  readonly wallMs: number;
  /** documents × a page load's browser CPU + contexts × a new context's. */
  readonly floorMs: number;
}

export interface StoryFloorResults {
  readonly step: { readonly newContext: StepCost; readonly pageLoad: StepCost };
  readonly stories: readonly StoryCost[];
  readonly runWallMs: number;
  /** Busy CPU of the machine during the Playwright run. */
  readonly runCpuMs: number;
}

interface JsonResult {
  readonly status: string;
  readonly duration: number;
  readonly attachments?: ReadonlyArray<{ readonly name: string; readonly path?: string }>;
}
interface JsonSuite {
  readonly specs?: ReadonlyArray<{ readonly title: string; readonly tests: ReadonlyArray<{ readonly results: readonly JsonResult[] }> }>;
  readonly suites?: readonly JsonSuite[];
}

/** Each story of the report with its trace's hops (read while the trace files are still there). */
function storiesOf(report: unknown, step: StoryFloorResults['step']): StoryCost[] {
  const stories: StoryCost[] = [];
  const visit = (suite: JsonSuite): void => {
    for (const spec of suite.specs ?? [])
      for (const result of spec.tests.flatMap((test) => test.results)) {
        const trace = result.attachments?.find((attachment) => attachment.name === 'trace')?.path;
        if (!trace) throw new Error(`The story "${spec.title}" has no trace (status ${result.status}).`);
        const hops = traceHops(readFileSync(trace));
        const floorMs = hops.documents * step.pageLoad.cpuMs + hops.contexts * step.newContext.cpuMs;
        stories.push({ title: spec.title, status: result.status, wallMs: result.duration, floorMs, ...hops });
      }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of (report as { suites?: readonly JsonSuite[] } | undefined)?.suites ?? []) visit(suite);
  return stories;
}

export async function measureStoryFloor(personas: readonly PersonaId[], rounds: number): Promise<BenchOutcome<StoryFloorResults>> {
  const binary = chromiumExecutable(true);
  const step = (await browserStepCosts([binary], rounds))[binary]!;
  const grep =
    personas.length === PERSONA_IDS.length
      ? []
      : [`--grep=${personas.map((id) => PERSONAS[id].displayName.replace(/[()]/g, '\\$&')).join('|')}`];
  let stories: StoryCost[] = [];
  const cpuBefore = machineBusyMs();
  const run = await runPlaywrightForBench(
    ['suites/lifecycle', `--config=${CONFIG}`, '--workers=1', ...grep],
    {},
    {
      beforeCleanup: (report) => {
        stories = storiesOf(report, step);
      },
    },
  );
  const runCpuMs = machineBusyMs() - cpuBefore;
  if (stories.length === 0) throw new Error(`The lifecycle run wrote no story (exit ${run.code}).`);
  const rows: FigureRow[] = stories.map((story) => ({
    bench: 'story floor',
    metric: `${story.title.split(':')[0]}: ${story.documents} documents, ${story.contexts} contexts, ${story.actions} actions${story.status === 'passed' ? '' : ` (${story.status})`}`,
    value: `${formatMs(story.wallMs)} wall; floor ${formatMs(story.floorMs)}`,
    ratio: `${formatNumber(story.wallMs / story.floorMs)}× floor`,
  }));
  const floors = stories.reduce((sum, story) => sum + story.floorMs, 0);
  rows.push({
    bench: 'story floor',
    metric: `the run (${stories.length} stories, one at a time): machine CPU busy; the floors' share of it`,
    value: formatMs(runCpuMs),
    ratio: `${Math.round((100 * floors) / runCpuMs)}% is page loads and contexts`,
  });
  return {
    name: 'story floor',
    results: { step, stories, runWallMs: run.wallMs, runCpuMs },
    rows,
    notes: [
      `floor = documents × ${formatMs(step.pageLoad.cpuMs)} (a page load's browser CPU) + contexts × ${formatMs(step.newContext.cpuMs)} (a new context's), measured on ${binary} in this run (${rounds} rounds). Documents: navigations that ended on a page (no redirects); actions: Playwright calls in the story's browser contexts.`,
      'A story runs its entry points side by side (two cores), so its wall time can be under the sum of its parts; its trace is the one every certification records (kept here for every test).',
    ],
  };
}

if (import.meta.main) {
  process.exitCode = await runBenchScript({
    usage: USAGE,
    parse(argv) {
      const { values } = parseArgs({
        args: [...argv],
        options: { personas: { type: 'string' }, rounds: { type: 'string' } },
        strict: true,
      });
      const personas = values.personas === undefined ? [...PERSONA_IDS] : values.personas.split(',').map((id) => id.trim());
      const unknown = personas.filter((id) => !(PERSONA_IDS as readonly string[]).includes(id));
      if (unknown.length > 0 || personas.length === 0)
        throw new TypeError(
          `--personas takes a comma list of ${PERSONA_IDS.join(', ')}${unknown.length ? `, not ${unknown.join(', ')}` : ''}.`,
        );
      return { personas: personas as PersonaId[], rounds: wholeNumberOption('rounds', values.rounds, 10) };
    },
    measure: ({ personas, rounds }) => measureStoryFloor(personas, rounds),
    resultsFile: 'story-floor.json',
  });
}
