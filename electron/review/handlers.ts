// Contract handlers of the review group, bound to a ReviewService built from the core's pieces.
import type { Core } from '../core/createCore.ts';
import type { TaggerHandlers } from '../../shared/api/index.ts';
import { networkServices } from '../sync/networkServices.ts';
import { normalizeNodeUrl } from '../sync/outbox.ts';
import { ReviewService } from './reviewService.ts';
import { taskText } from './agreementReport.ts';
import { ReviewPuller } from './reviewPuller.ts';
import { TaggerError } from '../../shared/errors.ts';

const byCore = new WeakMap<object, ReviewService>();

export function reviewService(core: Core): ReviewService {
  let s = byCore.get(core);
  if (!s) {
    const n = networkServices(core);
    s = new ReviewService({
      db: core.db, tasks: core.tasks, now: core.now, outbox: n.outbox,
      project: (id) => core.projects.get(id),
      text: (taskId) => { const t = core.tasks.get(taskId); const a = core.assets.get(t.assetId); return taskText(core, a.id, a.kind); },
      signer: () => n.wallet.signer(),
      domain: () => n.memory.domainOf(normalizeNodeUrl(core.settings.get().nodeUrl)),
      onQueued: () => n.engine.kick(),
    });
    byCore.set(core, s);
  }
  return s;
}

export function createReviewHandlers(core: Core): TaggerHandlers['review'] {
  const r = () => reviewService(core);
  return {
    queue: (projectId) => r().queue(projectId),
    item: (taskId) => r().item(taskId),
    edit: (taskId, edit) => r().edit(taskId, edit),
    undo: (taskId) => r().undo(taskId),
    redo: (taskId) => r().redo(taskId),
    submit: (taskId, req) => r().submit(taskId, req),
    pull: async () => {
      const n = networkServices(core);
      if (!n.wallet.address()) throw new TaggerError('locked', 'Create or import a wallet first: the node serves review items to a validator\'s wallet.');
      const signer = n.wallet.signer();
      const report = await core.jobs.run('Get items to review', () => new ReviewPuller(core, n.puller).pull(core.settings.get().nodeUrl, signer));
      core.events.emit('store-changed', {});
      return report;
    },
  };
}
