// The only bridge between the page and the core: two functions, no Node, no Electron objects leak through.
import { contextBridge, ipcRenderer } from 'electron';

const CALL_CHANNEL = 'tagger:call';
const EVENT_CHANNEL = 'tagger:event';

contextBridge.exposeInMainWorld('taggerBridge', {
  call: (path: string, args: unknown[]) => ipcRenderer.invoke(CALL_CHANNEL, String(path), args),
  on: (listener: (name: string, payload: unknown) => void) => {
    const wrapped = (_e: unknown, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
  },
});
