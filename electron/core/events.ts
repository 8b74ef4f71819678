// In-process event bus from services to whichever transport carries events to the page (IPC or SSE).
import type { TaggerEventName, TaggerEvents } from '../../shared/api/index.ts';

export type EventListener = <K extends TaggerEventName>(name: K, payload: TaggerEvents[K]) => void;

export class EventBus {
  private listeners = new Set<EventListener>();
  emit<K extends TaggerEventName>(name: K, payload: TaggerEvents[K]): void {
    for (const l of this.listeners) {
      try {
        l(name, payload);
      } catch {
        /* a broken listener must not stop the others */
      }
    }
  }
  subscribe(l: EventListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}
