// cli/'s testing entry: what tests, bench and scripts use of the CLI besides cli/index.ts (running a child Node, Playwright's arguments,
// stop signals, the repro command).
export { runNodeScript } from '../certify/childRun.ts';
export { playwrightTestArgs } from '../certify/playwrightRun.ts';
export { run as runReproCommand } from '../commands/repro.ts';
export { exitCodeOf, onStop, stopSignal, watchStopSignals } from '../stopSignals.ts';
