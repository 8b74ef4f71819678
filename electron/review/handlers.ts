// Contract handlers of the review group, bound to the core's ReviewService.
import type { Core } from '../core/core.ts';
import type { TaggerHandlers } from '../../shared/api/index.ts';

export function createReviewHandlers(core: Core): TaggerHandlers['review'] {
  const r = core.review;
  return {
    queue: (projectId) => r.queue(projectId),
    item: (taskId) => r.item(taskId),
    edit: (taskId, edit) => r.edit(taskId, edit),
    undo: (taskId) => r.undo(taskId),
    redo: (taskId) => r.redo(taskId),
    submit: (taskId, req) => r.submit(taskId, req),
  };
}
