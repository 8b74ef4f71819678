// Composition root of the core services. Both shells (Electron main, `tagger serve`) and the tests build a Core
// from a data directory; services get their dependencies here and nowhere else.
import path from 'node:path';
import type { Db } from '../store/db.ts';
import { checkDataDir, openDatabase } from '../store/db.ts';
import { MediaStore } from '../media/mediaStore.ts';
import { SettingsRepository } from '../store/repositories/settings.ts';
import { ProjectRepository } from '../store/repositories/projects.ts';
import { AssetRepository } from '../store/repositories/assets.ts';
import { TaskRepository } from '../store/repositories/tasks.ts';
import { AnnotationRepository } from '../store/repositories/annotations.ts';
import { ImportService } from '../import/importService.ts';
import { EventBus } from './events.ts';
import { watchOtherWriters } from './otherWriters.ts';
import { acquireInstanceLock, type InstanceLock } from './instanceLock.ts';
import { keepPrivate } from './privateFiles.ts';
import { JobRegistry } from './jobs.ts';
import { createDispatch, type Dispatch } from './dispatch.ts';
import { createHandlers } from './handlers.ts';
import { assetRoute, type MediaRoute } from './media.ts';
import type { TaggerHandlers } from '../../shared/api/index.ts';

export interface CoreOptions {
  dataDir: string;
  mode?: 'web' | 'desktop';
  /** True for long-running shells (serve, desktop): services may start background work such as tiling. */
  background?: boolean;
  now?: () => number;
  fetch?: typeof fetch;
  /** Hold the data directory for this process, naming the command (the CLI and the desktop shell do; tests that
   *  open several cores on one directory do not). See instanceLock.ts. */
  lock?: string;
}

export interface Core {
  dataDir: string;
  mode: 'web' | 'desktop';
  background: boolean;
  db: Db;
  now: () => number;
  fetch: typeof fetch;
  media: MediaStore;
  settings: SettingsRepository;
  projects: ProjectRepository;
  assets: AssetRepository;
  tasks: TaskRepository;
  annotations: AnnotationRepository;
  imports: ImportService;
  events: EventBus;
  jobs: JobRegistry;
  mediaRoutes: MediaRoute[];
  handlers: TaggerHandlers;
  dispatch: Dispatch;
  /** The data directory's lock when this process holds it. */
  lock: InstanceLock | null;
  /** Called on close, in reverse order; services register their teardown here. */
  onClose: (fn: () => void | Promise<void>) => void;
  close(): Promise<void>;
}

export const DB_FILE = 'tagger.sqlite';

export function createCore(opts: CoreOptions): Core {
  checkDataDir(opts.dataDir);
  const lock = opts.lock ? acquireInstanceLock(opts.dataDir, opts.lock) : null;
  let db: Db;
  try {
    db = openDatabase(path.join(opts.dataDir, DB_FILE));
  } catch (e) {
    lock?.release();
    throw e;
  }
  const now = opts.now ?? Date.now;
  const media = new MediaStore(opts.dataDir);
  if (lock) {
    // Sole owner now: what an earlier process left half-written (kill -9 during an import) is nobody's.
    media.removeStrayTemporaries();
    keepPrivate(opts.dataDir, DB_FILE);
  }
  const assets = new AssetRepository(db);
  const tasks = new TaskRepository(db, now);
  const annotations = new AnnotationRepository(db, tasks, now);
  const projects = new ProjectRepository(db, now);
  const events = new EventBus();
  const closers: (() => void | Promise<void>)[] = [];
  const core = {
    dataDir: opts.dataDir,
    mode: opts.mode ?? 'web',
    background: opts.background ?? false,
    db,
    now,
    fetch: opts.fetch ?? globalThis.fetch,
    media,
    settings: new SettingsRepository(db),
    projects,
    assets,
    tasks,
    annotations,
    imports: new ImportService({ db, media, assets, tasks, annotations, projects, now }),
    events,
    jobs: new JobRegistry(events),
    mediaRoutes: [assetRoute(media, assets)],
    lock,
    onClose: (fn: () => void | Promise<void>) => void closers.push(fn),
    async close() {
      for (const fn of closers.reverse()) await fn();
      db.close();
      lock?.release();
    },
  } as Omit<Core, 'handlers' | 'dispatch'> as Core;
  if (core.background) core.onClose(watchOtherWriters(db, () => events.emit('store-changed', {})));
  core.handlers = createHandlers(core);
  core.dispatch = createDispatch(core.handlers);
  return core;
}
