// Contract handlers of the wallet, submissions and sync groups, bound to the core's network services.
import type { Core } from '../core/core.ts';
import type { TaggerHandlers } from '../../shared/api/index.ts';
import { TaggerError, isTaggerError } from '../../shared/errors.ts';

export function createWalletHandlers(core: Core): TaggerHandlers['wallet'] {
  const n = () => core.network;
  return {
    status: () => n().wallet.status(),
    create: (password, opts) => n().wallet.create(password, !!opts?.replace),
    confirmCreate: (pendingId, answers) => n().wallet.confirmCreate(pendingId, answers),
    import: (input) => n().wallet.import(input),
    unlock: (password) => n().wallet.unlock(password),
    lock: () => n().wallet.lock(),
    setIdleLock: (minutes) => n().wallet.setIdleLock(minutes),
  };
}

export function createSubmissionHandlers(core: Core): TaggerHandlers['submissions'] {
  const n = () => core.network;
  return {
    submit: (taskId) => n().submissions.submit(taskId),
    list: (filter) => n().outbox.list(filter ?? {}),
    syncNow: () => n().engine.syncNow(),
    pull: async (opts) => {
      if (!n().wallet.address()) throw new TaggerError('locked', 'Create or import a wallet first: the node leases tasks to a wallet address.');
      // the lease request is signed by the unlocked wallet; a locked one asks for the password first
      let signer;
      try {
        signer = n().wallet.signer();
      } catch (e) {
        if (isTaggerError(e) && e.code === 'locked') throw new TaggerError('locked', 'The wallet is locked. Unlock it with your password: a node leases tasks only to a request your wallet signs.');
        throw e;
      }
      const report = await core.jobs.run('Get tasks', (ctx) => n().puller.pull(core.settings.get().nodeUrl, signer, opts ?? {}, ctx));
      n().engine.emit();
      return report;
    },
    rewards: () => {
      const address = n().wallet.address();
      const c = n().outbox.counts(address);
      return { address, total: address ? n().totalReward(address) : 0, accepted: c.accepted, rejected: c.rejected, queued: c.queued };
    },
  };
}

export function createSyncStatusHandlers(core: Core): TaggerHandlers['sync'] {
  return { status: () => core.network.engine.status() };
}
