// While the picture of the open image has not arrived, asks the core now and then whether it answers at all, so the
// canvas can say what is wrong instead of staying blank. The picture's own requests go on meanwhile (and are made
// again after a failure, see imageLayer.ts), so the canvas comes back by itself once the core answers.
import { tagger } from '../../../api/tagger.ts';
import { isTransient, withTimeout } from '../../document/saveQueue.ts';

/** How long a picture may take before the core is asked whether it answers. */
export const STALL_MS = 2500;
/** How long the question may take before the core counts as not answering. */
const PROBE_TIMEOUT_MS = 2000;

/** True when the core answers a trivial call; false when it does not (down, stopped, unreachable). */
export async function coreAnswers(): Promise<boolean> {
  try {
    await withTimeout(tagger.app.info(), PROBE_TIMEOUT_MS);
    return true;
  } catch (e) {
    return !isTransient(e);
  }
}

/**
 * Calls `onChange(true)` when, after `stallMs`, the core does not answer, and `onChange(false)` once it does again;
 * asks again every `everyMs` until stopped. Returns the stop.
 */
export function watchCore(onChange: (down: boolean) => void, opts: { stallMs?: number; everyMs?: number; answers?: () => Promise<boolean> } = {}): () => void {
  const { stallMs = STALL_MS, everyMs = 1500, answers = coreAnswers } = opts;
  let stopped = false;
  let down = false;
  let timer = setTimeout(function ask() {
    void answers().then((ok) => {
      if (stopped) return;
      if (ok === down) onChange((down = !ok));
      timer = setTimeout(ask, everyMs);
    });
  }, stallMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
