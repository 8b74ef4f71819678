// IPC carrier of the contract: one channel, the generic dispatch behind it. The sender must be our own main frame
// (loaded from the app:// origin); arguments are validated by dispatch against the contract like HTTP's are.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Core } from './core/core.ts';

export const CALL_CHANNEL = 'tagger:call';
export const EVENT_CHANNEL = 'tagger:event';
export const APP_ORIGIN = 'tagger://app';

export function isTrustedSender(e: Pick<IpcMainInvokeEvent, 'senderFrame'>, mainContents: WebContents | null): boolean {
  const frame = e.senderFrame;
  if (!frame || !mainContents) return false;
  if (frame !== mainContents.mainFrame) return false;
  return frame.url.startsWith(`${APP_ORIGIN}/`);
}

export function bindIpc(ipcMain: IpcMain, core: Core, getMain: () => WebContents | null): () => void {
  ipcMain.handle(CALL_CHANNEL, async (e, path: unknown, args: unknown) => {
    if (!isTrustedSender(e, getMain())) return { ok: false, error: { code: 'forbidden', message: 'Calls are accepted only from the app window.' } };
    if (typeof path !== 'string') return { ok: false, error: { code: 'invalid_argument', message: 'Malformed call.' } };
    return core.dispatch(path, args);
  });
  const off = core.events.subscribe((name, payload) => {
    const wc = getMain();
    if (wc && !wc.isDestroyed()) wc.send(EVENT_CHANNEL, name, payload);
  });
  return () => {
    ipcMain.removeHandler(CALL_CHANNEL);
    off();
  };
}
