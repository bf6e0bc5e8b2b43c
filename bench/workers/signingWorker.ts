// Worker thread of the throughput benchmarks: prepares its work, says `ready`, runs the bounded
// loop when the parent says `go` (so every worker measures the same wall-clock window), reports.
import { parentPort, workerData } from 'node:worker_threads';
import type { Bounds } from '../bounded.ts';
import { prepareWork, type SigningWork } from './signingWork.ts';

export interface SigningWorkerData {
  readonly work: SigningWork;
  readonly bounds: Bounds;
}

export type SigningWorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly count: number; readonly elapsedMs: number }
  | { readonly type: 'error'; readonly message: string };

const port = parentPort;
if (port) {
  const { work, bounds } = workerData as SigningWorkerData;
  const post = (message: SigningWorkerMessage): void => port.postMessage(message);
  try {
    const prepared = await prepareWork(work);
    port.once('message', () => {
      prepared.run(bounds).then(
        (run) => post({ type: 'result', count: run.count, elapsedMs: run.elapsedMs }),
        (error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
      );
    });
    post({ type: 'ready' });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}
