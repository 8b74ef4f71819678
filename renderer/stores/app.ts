// Shell state: where the user is (project, task), the queue, settings, save/sync status, jobs and toasts.
import { create } from 'zustand';
import type { AppInfo, JobProgress, ProjectSummary, Settings, SyncStatus, TaskStatus, TaskSummary, AssetKind } from '../../shared/domain.ts';
import { DEFAULT_SETTINGS } from '../../shared/domain.ts';

export type SaveStatus = 'saved' | 'saving' | 'error';

export interface Toast { id: number; kind: 'error' | 'info' | 'success'; text: string; topic?: string }

export interface QueueFilter { status: TaskStatus[]; kind: AssetKind[]; search: string }

interface AppState {
  projects: ProjectSummary[];
  projectId: string | null;
  taskId: string | null;
  /** Review mode (validators): the item under review, or null for the review queue; null when annotating. */
  review: { taskId: string | null } | null;
  tasks: TaskSummary[];
  filter: QueueFilter;
  settings: Settings;
  /** The version, mode and data directory of the core, once read. */
  info: AppInfo | null;
  save: { status: SaveStatus; message: string | null };
  sync: SyncStatus;
  jobs: Record<string, JobProgress>;
  toasts: Toast[];
  dialog: null | 'settings' | 'shortcuts' | 'palette' | 'import-export' | 'schema' | 'model-classes-image' | 'model-classes-text';
  /** Bumped when the open project's schema was saved here, so the open workspace takes the new labels. */
  schemaRev: number;
  /** A .tagger file the app was asked to open: Import/Export opens on it and checks it. */
  openedBundle: string | null;
  /** Shown in the status bar by the active workspace: position under the cursor, zoom. */
  cursorInfo: string;
  zoomInfo: string;
  /** Task moves (F, D, Ctrl+Enter) asked for and not yet arrived: the status bar says so when one takes a while. */
  moving: number;
}

export const useApp = create<AppState>(() => ({
  projects: [],
  projectId: null,
  taskId: null,
  review: null,
  tasks: [],
  filter: { status: [], kind: [], search: '' },
  settings: DEFAULT_SETTINGS,
  info: null,
  save: { status: 'saved', message: null },
  sync: { online: false, pending: 0, nodeUrl: DEFAULT_SETTINGS.nodeUrl, lastError: null },
  jobs: {},
  toasts: [],
  dialog: null,
  schemaRev: 0,
  openedBundle: null,
  cursorInfo: '',
  zoomInfo: '',
  moving: 0,
}));

let toastSeq = 0;
const toastTimers = new Map<number, ReturnType<typeof setTimeout>>();
/** Shows a toast. The same message again while it is still shown does not stack a copy (a key pressed four times on a
 *  read-only task gave four identical toasts over the canvas): the shown one moves to the end and its time restarts.
 *  A toast with a topic replaces the one shown for that topic (a failure, then the retry's success). */
export function toast(kind: Toast['kind'], text: string, ms = kind === 'error' ? 8000 : 3500, topic?: string): void {
  const same = useApp.getState().toasts.find((t) => (topic !== undefined && t.topic === topic) || (t.kind === kind && t.text === text));
  const id = same?.id ?? ++toastSeq;
  if (same) clearTimeout(toastTimers.get(id));
  useApp.setState((s) => ({ toasts: [...s.toasts.filter((t) => t.id !== id), { id, kind, text, ...(topic !== undefined ? { topic } : {}) }] }));
  toastTimers.set(id, setTimeout(() => {
    toastTimers.delete(id);
    useApp.setState((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  }, ms));
}

/** Takes away the toast shown for a topic (the work it reported on has since succeeded). */
export function dismissTopic(topic: string): void {
  const t = useApp.getState().toasts.find((x) => x.topic === topic);
  if (!t) return;
  clearTimeout(toastTimers.get(t.id));
  toastTimers.delete(t.id);
  useApp.setState((s) => ({ toasts: s.toasts.filter((x) => x.id !== t.id) }));
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Status-bar text from a workspace. Called on every pointer move, so it only notifies when the text changes. */
export function setStatusInfo(patch: Partial<Pick<AppState, 'cursorInfo' | 'zoomInfo'>>): void {
  const s = useApp.getState();
  if ((patch.cursorInfo === undefined || patch.cursorInfo === s.cursorInfo) && (patch.zoomInfo === undefined || patch.zoomInfo === s.zoomInfo)) return;
  useApp.setState(patch);
}
