// window.tagger for the page: the same generic client over whichever transport this shell provides
// (Electron's preload bridge, or HTTP + SSE in local web mode).
import { contract, type TaggerApi, type TaggerEventName, type TaggerEvents, EVENT_NAMES } from '../../shared/api/index.ts';
import { createClient, type CallTransport } from '../../shared/api/client.ts';
import type { Result } from '../../shared/errors.ts';
import { READ_KEY_PARAM, TOKEN_HEADER, readKeyFor } from '../../shared/web/access.ts';

export interface DesktopBridge {
  call(path: string, args: unknown[]): Promise<Result<unknown>>;
  on(listener: (name: string, payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    taggerBridge?: DesktopBridge;
    tagger?: TaggerApi;
  }
}

type Listener = (payload: any) => void;
const listeners = new Map<TaggerEventName, Set<Listener>>();

function deliver(name: string, payload: unknown) {
  const set = listeners.get(name as TaggerEventName);
  if (set) for (const l of set) l(payload);
}

const TOKEN_KEY = 'tagger.webToken';

/** Web mode's access token: taken from the URL `tagger serve` printed, then kept in this tab's session storage
 *  (scoped to this port) and removed from the address bar and history, so it is never in a bookmark, a cookie
 *  shared with other ports of 127.0.0.1, or a later visit's URL. */
function takeToken(): string {
  if (typeof window === 'undefined') return '';
  const url = new URL(window.location.href);
  const given = url.searchParams.get('token');
  if (given) {
    try {
      sessionStorage.setItem(TOKEN_KEY, given);
    } catch {
      /* storage refused: this page view still works */
    }
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return given;
  }
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

const bridge = typeof window !== 'undefined' ? window.taggerBridge : undefined;
const webToken = bridge ? '' : takeToken();
const readKey = webToken ? readKeyFor(webToken) : '';

const httpCall: CallTransport = async (path, args) => {
  let res: Response;
  try {
    res = await fetch(`/api/call/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: webToken }, body: JSON.stringify(args), credentials: 'omit' });
  } catch {
    return { ok: false, error: { code: 'network', message: 'The Tagger core is not reachable. Is `tagger serve` still running? Your last change may not be saved; it will be retried.' } };
  }
  if (res.status === 401 || res.status === 403) return { ok: false, error: { code: 'unauthorized', message: 'This page lost its access token. Open the URL printed by `tagger serve` again.' } };
  if (res.status === 502 || res.status === 503 || res.status === 504) return { ok: false, error: { code: 'network', message: `The Tagger core did not answer (HTTP ${res.status}).` } };
  if (!res.ok) return { ok: false, error: { code: 'internal', message: `The core answered ${res.status}: ${(await res.text()).slice(0, 200)}` } };
  return (await res.json()) as Result<unknown>;
};

export const tagger: TaggerApi = createClient(contract, bridge ? (p, a) => bridge.call(p, a) : httpCall);

let connected = false;
function connectEvents() {
  if (connected) return;
  connected = true;
  if (bridge) {
    bridge.on(deliver);
    return;
  }
  const eventSource = new EventSource(`/api/events?${READ_KEY_PARAM}=${readKey}`);
  for (const name of EVENT_NAMES) eventSource.addEventListener(name, (ev) => deliver(name, JSON.parse((ev as MessageEvent).data)));
}

export function onEvent<K extends TaggerEventName>(name: K, fn: (payload: TaggerEvents[K]) => void): () => void {
  connectEvents();
  let set = listeners.get(name);
  if (!set) listeners.set(name, (set = new Set()));
  set.add(fn);
  return () => set!.delete(fn);
}

/** URL of a file under the media store (an asset by hash, or a derived file such as a tile). */
export function mediaUrl(subpath: string): string {
  return bridge ? `tagger://media/${subpath}` : `/media/${subpath}?${READ_KEY_PARAM}=${readKey}`;
}

if (typeof window !== 'undefined') window.tagger = tagger;
