// How `sso-harness certify` starts its Playwright run (whole, or one shard of it): the arguments
// that select the tests, and the environment that tells the suites and reporters about the run.
import { PREFLIGHT_PASSED_ENV } from '../../suites/index.ts';
import { RUN_ENV, SELECTION_ENV, selectionEnv, titleGrep, type Selection } from '../../reporting/index.ts';

export interface CertifyRunOptions {
  /** "embedded" or the absolute path of a target file. */
  readonly target: string;
  readonly selection: Selection;
  readonly workers?: number;
  readonly ci: boolean;
  readonly commandLine: string;
}

/** Tests whose titles name a native entry point left out of the selection ("web" is too common a word to filter on). */
export function entryGrepInvert(selection: Selection): string | undefined {
  if (!selection.entryPoints) return undefined;
  const words: string[] = [];
  if (!selection.entryPoints.includes('desktop')) words.push('\\bdesktop\\b');
  if (!selection.entryPoints.includes('mobile')) words.push('\\biphone\\b', '\\bandroid\\b', '\\bmobile\\b');
  return words.length ? words.join('|') : undefined;
}

/** `playwright test` arguments for the run's selection and workers. */
export function playwrightTestArgs(options: CertifyRunOptions): string[] {
  const grep = titleGrep(options.selection);
  const grepInvert = entryGrepInvert(options.selection);
  return [
    'test',
    ...(grep ? [`--grep=${grep}`] : []),
    ...(grepInvert ? [`--grep-invert=${grepInvert}`] : []),
    ...(options.workers ? [`--workers=${options.workers}`] : []),
  ];
}

/** What the reporters read about the run: target, mode, command line, selection. */
export function reportersEnv(options: CertifyRunOptions): NodeJS.ProcessEnv {
  return {
    SSO_HARNESS_TARGET: options.target,
    [RUN_ENV.mode]: options.ci ? 'ci' : 'full',
    [RUN_ENV.command]: options.commandLine,
    // A selection left in the caller's environment must not scope this run.
    ...Object.fromEntries(Object.values(SELECTION_ENV).map((name) => [name, undefined])),
    ...selectionEnv(options.selection),
  };
}

/** The Playwright run's environment: the reporters' view, progress lines, and the preflight already done for a remote target. */
export function playwrightEnv(options: CertifyRunOptions): NodeJS.ProcessEnv {
  return {
    ...reportersEnv(options),
    ...(options.target === 'embedded' ? {} : { [PREFLIGHT_PASSED_ENV]: options.target }),
    [RUN_ENV.progress]: '1',
  };
}
