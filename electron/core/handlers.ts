// Binds each contract method to the services. Arguments arrive validated by dispatch.
import type { TaggerHandlers } from '../../shared/api/index.ts';
import { createChainHandlers } from '../chain/handlers.ts';
import type { Core } from './core.ts';
import { appVersion } from './paths.ts';
import { isFrozenStatus, type AnnotationObject } from '../../shared/domain.ts';
import { jsonValue } from './jsonText.ts';
import { TaggerError } from '../../shared/errors.ts';
import { createFormatHandlers } from '../formats/handlers.ts';
import { createSubmissionHandlers, createSyncStatusHandlers, createWalletHandlers } from '../sync/handlers.ts';
import { createAudioHandlers } from '../audio/handlers.ts';
import { createImageHandlers } from '../image/handlers.ts';
import { createModelHandlers } from '../models/handlers.ts';
import { createReviewHandlers } from '../review/handlers.ts';
import { createBundleHandlers } from '../bundles/handlers.ts';

export function createHandlers(core: Core): TaggerHandlers {
  return {
    app: {
      info: () => ({ version: appVersion(), mode: core.mode, dataDir: core.dataDir }),
    },
    projects: {
      list: () => core.projects.list(),
      get: (id) => core.projects.get(id),
      create: (input) => core.projects.create(input),
      update: (id, patch) => core.projects.update(id, patch),
    },
    tasks: {
      list: (projectId, filter) => core.tasks.list(projectId, filter ?? {}),
      get: (taskId) => {
        const task = core.tasks.get(taskId);
        const { index, total } = core.tasks.positionOf(task);
        // A text's CoNLL columns live with the task (schema 14; bundle import moves an older bundle's there too), so
        // the asset carries no megabytes of them.
        return { task, asset: core.assets.get(task.assetId), project: core.projects.get(task.projectId), index, total };
      },
      next: (projectId, afterId) => core.tasks.next(projectId, afterId ?? null),
      previous: (projectId, beforeId) => core.tasks.previous(projectId, beforeId),
      setStatus: (taskId, status) => {
        // A submitted task's fate is the node's to decide (accepted/rejected arrive by sync), not the page's.
        const current = core.tasks.get(taskId).status;
        if (isFrozenStatus(current) && status !== current)
          throw new TaggerError('locked', `This task was ${current === 'accepted' ? 'accepted' : 'submitted'}; its status can no longer be changed here.`);
        core.tasks.setStatus(taskId, status);
        return core.tasks.summary(taskId);
      },
    },
    annotations: {
      load: (taskId) => {
        const task = core.tasks.get(taskId);
        return { taskId, objects: jsonValue<AnnotationObject[]>(core.annotations.listJson(taskId)), history: core.annotations.history(taskId), revision: task.revision, readOnly: isFrozenStatus(task.status) };
      },
      loadPage: (taskId, offset, limit) => {
        const task = core.tasks.get(taskId);
        const { json, total } = core.annotations.pageJson(taskId, offset, limit);
        return { taskId, objects: jsonValue<AnnotationObject[]>(json), total, offset, ...(offset === 0 ? { history: core.annotations.history(taskId) } : {}), revision: task.revision, readOnly: isFrozenStatus(task.status) };
      },
      edit: (taskId, edit) => core.annotations.edit(taskId, edit),
      undo: (taskId, changeId) => core.annotations.undo(taskId, changeId),
      redo: (taskId, changeId) => core.annotations.redo(taskId, changeId),
    },
    settings: {
      get: () => core.settings.get(),
      set: (patch) => core.settings.set(patch),
    },
    imports: {
      paths: (projectId, paths) => {
        core.projects.get(projectId);
        return core.jobs.run('Import', (ctx) => core.imports.importPaths(projectId, paths, ctx));
      },
    },
    jobs: {
      cancel: (jobId) => core.jobs.cancel(jobId),
    },
    formats: createFormatHandlers(core),
    audio: createAudioHandlers(core),
    images: createImageHandlers(core),
    models: createModelHandlers(core),
    review: createReviewHandlers(core),
    sync: createSyncStatusHandlers(core),
    wallet: createWalletHandlers(core),
    chain: createChainHandlers(core),
    submissions: createSubmissionHandlers(core),
    bundles: createBundleHandlers(core),
  };
}
