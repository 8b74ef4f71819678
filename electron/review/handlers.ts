// Contract handlers of the review group, bound to the core's ReviewService and ReviewPuller.
import type { Core } from '../core/core.ts';
import type { TaggerHandlers } from '../../shared/api/index.ts';
import { TaggerError } from '../../shared/errors.ts';
import { reviewModelOpinion } from './modelOpinion.ts';

export function createReviewHandlers(core: Core): TaggerHandlers['review'] {
  const r = core.review;
  return {
    queue: (projectId) => r.queue(projectId),
    item: (taskId) => r.item(taskId),
    edit: (taskId, edit) => r.edit(taskId, edit),
    undo: (taskId, changeId) => r.undo(taskId, changeId),
    redo: (taskId, changeId) => r.redo(taskId, changeId),
    submit: (taskId, req) => r.submit(taskId, req),
    modelOpinion: (taskId) => reviewModelOpinion(core, taskId),
    pull: async () => {
      const wallet = core.network.wallet;
      if (!wallet.address()) throw new TaggerError('locked', 'Create or import a wallet first: the node serves review items to a validator\'s wallet.');
      const signer = wallet.signer();
      const report = await core.jobs.run('Get items to review', () => core.reviewPuller.pull(core.settings.get().nodeUrl, signer));
      core.events.emit('store-changed', {});
      return report;
    },
  };
}
