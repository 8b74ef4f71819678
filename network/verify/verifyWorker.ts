// Runs inside a worker thread: verifies the chunks the pool sends and posts the verdicts back in order.
import { parentPort } from 'node:worker_threads';
import { checkItems } from './verifyItems.ts';
import type { TaggerDomain } from '../../shared/signing/typedData.ts';

interface Job { id: number; domain: TaggerDomain; items: unknown[] }

parentPort!.on('message', (job: Job) => {
  try {
    parentPort!.postMessage({ id: job.id, results: checkItems(job.domain, job.items) });
  } catch (e) {
    parentPort!.postMessage({ id: job.id, error: (e as Error).message });
  }
});
parentPort!.postMessage({ ready: true });
