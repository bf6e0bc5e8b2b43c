// Run one kind of signing work in N worker threads over the same wall-clock window and add up
// their rates: throughput "on this machine" with every core busy.
import { Worker } from 'node:worker_threads';
import type { Bounds } from '../bounded.ts';
import { perSecond } from '../stats.ts';
import type { SigningWork } from './signingWork.ts';
import type { SigningWorkerData, SigningWorkerMessage } from './signingWorker.ts';

const WORKER_URL = new URL('./signingWorker.ts', import.meta.url);

export interface ParallelRun {
  readonly threads: number;
  /** Sum of the workers' rates. */
  readonly perSecond: number;
  readonly perWorker: ReadonlyArray<{ readonly count: number; readonly elapsedMs: number }>;
}

function nextMessage(worker: Worker): Promise<SigningWorkerMessage> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      worker.off('message', onMessage);
      reject(error);
    };
    const onMessage = (message: SigningWorkerMessage): void => {
      worker.off('error', onError);
      if (message.type === 'error') reject(new Error(`signing worker failed: ${message.message}`));
      else resolve(message);
    };
    worker.once('error', onError).once('message', onMessage);
  });
}

export async function runInWorkers(work: SigningWork, threads: number, bounds: Bounds): Promise<ParallelRun> {
  const data: SigningWorkerData = { work, bounds };
  const workers = Array.from({ length: threads }, () => new Worker(WORKER_URL, { workerData: data }));
  try {
    await Promise.all(workers.map(nextMessage));
    const results = workers.map(nextMessage);
    for (const worker of workers) worker.postMessage('go');
    const perWorker = (await Promise.all(results)).map((message) => {
      if (message.type !== 'result') throw new Error(`signing worker sent "${message.type}" instead of its result`);
      return { count: message.count, elapsedMs: message.elapsedMs };
    });
    return { threads, perSecond: perWorker.reduce((sum, w) => sum + perSecond(w.count, w.elapsedMs), 0), perWorker };
  } finally {
    // terminate() resolves once the thread has stopped (at once if it already ended on its own).
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
