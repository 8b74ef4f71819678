// How long something the user asked for has been waiting on the core, so a screen that waits says so.
import { useEffect, useState } from 'react';

/** Whole seconds since `waiting` became true or `restart` last changed (0 while not waiting), updated once a second.
 *  `restart`: something that changes whenever the core is seen answering (a move landing, a page arriving). */
export function useWaitedSeconds(waiting: boolean, restart?: unknown): number {
  const [since, setSince] = useState<number | null>(null);
  const [, tick] = useState(0);
  useEffect(() => {
    if (!waiting) {
      setSince(null);
      return;
    }
    setSince(Date.now());
    const t = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, [waiting, restart]);
  return since === null ? 0 : Math.floor((Date.now() - since) / 1000);
}

/** After a few seconds of waiting: what to add to an "Opening…" line so the user knows why nothing happens. */
export function waitedText(seconds: number): string {
  return seconds >= 3 ? ` The core has not answered for ${seconds} s; it keeps trying, and nothing you asked for is lost.` : '';
}
