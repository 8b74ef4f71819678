// The window.tagger contract: every group a feature adds is listed here once.
import { appApi, annotationsApi, importsApi, jobsApi, projectsApi, settingsApi, syncApi, tasksApi } from './core.ts';
import { formatsApi } from './formats.ts';
import { walletApi } from './wallet.ts';
import { chainApi } from './chain.ts';
import { submissionsApi } from './submissions.ts';
import { audioApi } from './audio.ts';
import { imagesApi } from './images.ts';
import { modelsApi } from './models.ts';
import { reviewApi } from './review.ts';
import { bundlesApi } from './bundles.ts';
import type { ApiOf, HandlersOf } from './define.ts';
import type { JobProgress, SyncStatus } from '../domain.ts';

export const contract = {
  app: appApi,
  projects: projectsApi,
  tasks: tasksApi,
  annotations: annotationsApi,
  settings: settingsApi,
  imports: importsApi,
  jobs: jobsApi,
  sync: syncApi,
  formats: formatsApi,
  wallet: walletApi,
  chain: chainApi,
  submissions: submissionsApi,
  audio: audioApi,
  images: imagesApi,
  models: modelsApi,
  review: reviewApi,
  bundles: bundlesApi,
};

export type Contract = typeof contract;
export type TaggerApi = ApiOf<Contract>;
export type TaggerHandlers = HandlersOf<Contract>;

/** Events pushed from the core to the page. */
export interface TaggerEvents {
  progress: JobProgress;
  sync: SyncStatus;
  /** Something changed a task's objects outside this page (import, sync, another window). */
  /** A task's document changed in the core; `revision` is the document's revision after the change when known (a
   *  view already at it has nothing to reload). */
  'task-changed': { taskId: string; revision?: number };
  /** Another process (e.g. `tagger import` in a terminal) changed the store: projects and queues may be stale. */
  'store-changed': Record<string, never>;
  /** A .tagger file was opened with the app while it runs: the page takes it with bundles.opened(). */
  'bundle-opened': Record<string, never>;
}
export type TaggerEventName = keyof TaggerEvents;
export const EVENT_NAMES: readonly TaggerEventName[] = ['progress', 'sync', 'task-changed', 'store-changed', 'bundle-opened'];

export { methodPaths } from './define.ts';
