// One behaviour suite for every NodeStore (SQLite and PostgreSQL run the same tests): publishing against a
// requester's balance, leasing within caps and requirements, and deciding batches of verified submissions.
import { describe, expect, it } from 'vitest';
import type { LeaseRequest, NodeStore, PublishAsset, PublishInput, VerifiedSubmission } from './NodeStore.ts';
import type { ImportedProject } from './importedWork.ts';
import { MICRO_PER_TAG, requiredBudgetMicro } from '../../shared/microTag.ts';

/** n TAG in micro-TAG, the store's unit. */
const T = (n: number) => Math.round(n * MICRO_PER_TAG);

const REQUESTER = '0x' + '1'.repeat(40);
let counter = 0;
const hex = (c: string, n: number) => c.repeat(n);
const uniq = () => (++counter).toString(16).padStart(8, '0');

export function asset(over: Partial<PublishAsset> = {}): PublishAsset {
  const u = uniq();
  return { sha256: u + hex('a', 56), size: 3, kind: 'text', mime: 'text/plain', name: `${u}.txt`, difficulty: 1, ...over };
}

export function project(over: Partial<PublishInput> = {}): PublishInput {
  const assets = over.assets ?? [asset()];
  const redundancy = over.redundancy ?? 1;
  const baseReward = over.baseReward ?? T(2);
  return { name: 'P', schema: {}, instructions: '', requirements: {}, redundancy, baseReward, budget: requiredBudgetMicro(redundancy, baseReward, assets), minReputation: 0, leaseMs: 60_000, requester: REQUESTER, nonce: uniq(), signature: '0x', assets, ...over };
}

export const leaseReq = (annotator: string, over: Partial<LeaseRequest> = {}): LeaseRequest => ({ annotator, kinds: ['text', 'image', 'audio'], skills: [], max: 10, nonce: uniq(), expiresAt: 10 ** 13, ...over });
const LIMITS = { maxOpen: 100, maxOpenPerProject: 100, newcomerPerProject: 100, newcomerShare: 1 };
/** The node's defaults: newcomers 1 lease per project, together half of a project's open slots. */
const DEFAULTS = { maxOpen: 100, maxOpenPerProject: 100 };

function submission(annotator: string, lease: { taskId: string; projectId: string }, nonce: string): VerifiedSubmission {
  return { id: '0x' + uniq() + hex('c', 56), signature: '0x', document: '{}', message: { taskId: lease.taskId, projectId: lease.projectId, contentHash: '0x' + hex('d', 64), annotator, nonce, createdAt: '1000' } };
}

/** Publishes with stored assets; the requester is credited exactly what it needs first. */
export async function published(store: NodeStore, input: PublishInput, now = 1000) {
  await store.creditRequester(input.requester, input.budget, now);
  const r = await store.publishProject(input, now);
  await store.markAssetsStored(input.assets.map((a) => ({ sha256: a.sha256, size: a.size })));
  return r;
}

export function nodeStoreSuite(open: () => Promise<NodeStore>): void {
  const addr = () => '0x' + uniq() + hex('b', 32);

  describe('node store behaviour', () => {
    it('escrows the budget from the requester and refuses a publish it cannot cover or a replayed manifest', async () => {
      const store = await open();
      try {
        const requester = addr();
        expect(await store.creditRequester(requester, T(5), 1000)).toBe(T(5));
        const input = project({ requester, baseReward: T(2), assets: [asset(), asset()] });
        await expect(store.publishProject(input, 1000)).resolves.toMatchObject({ tasks: 2 });
        expect(await store.requesterBalance(requester)).toBe(T(1));
        await expect(store.publishProject({ ...input, nonce: uniq() }, 1000)).rejects.toMatchObject({ status: 402, message: expect.stringMatching(/has 1 TAG, the project's budget is 4 TAG.*requesters credit/) });
        await store.creditRequester(requester, T(100), 1000);
        await expect(store.publishProject(input, 1000)).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/already published as project p_/) });
        await expect(store.publishProject({ ...input, nonce: uniq(), assets: [{ ...input.assets[0], size: 9 }] }, 1000)).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/is 3 bytes on this node, not 9/) });
        expect(await store.requesterBalance(requester)).toBe(T(101));
      } finally {
        await store.close();
      }
    });

    it('decides a batch in one transaction: a duplicate inside the batch is acknowledged, not paid again', async () => {
      const store = await open();
      try {
        const input = project({ baseReward: T(2), assets: [asset({ difficulty: 1.5 })] });
        const { projectId } = await published(store, input);
        const annotator = addr();
        const { leases: [lease] } = await store.leaseTasks(leaseReq(annotator), LIMITS, 1000);
        expect(lease).toMatchObject({ projectId, baseReward: 2, difficulty: 1.5, asset: { size: 3 } });
        const item = submission(annotator, lease, '1');
        expect(await store.commitSubmissions([item, item], 2000)).toEqual([{ id: item.id, status: 'accepted', reward: T(3) }, { id: item.id, status: 'duplicate', reward: T(3) }]);
        expect((await store.rewards(annotator, 10)).total).toBe(T(3));
        expect(await store.projectBudget(projectId)).toMatchObject({ budget: T(3), spent: T(3) });
        expect(await store.findAccepted([{ annotator, nonce: '1' }, { annotator, nonce: '2' }])).toEqual([expect.objectContaining({ id: item.id, reward: T(3) }), null]);
      } finally {
        await store.close();
      }
    });

    it('pays many small rewards in whole micro-TAG: the budget is spent exactly, never past it, and nothing drifts', async () => {
      const store = await open();
      try {
        // 0.1 TAG × difficulties 1, 3 and 0.7: in floats 0.1 × 3 is 0.30000000000000004 and sums of 0.1 drift, so a
        // budget "exactly covering" every slot ended a hair above or below what was paid. In micro-TAG it cannot.
        const assets = Array.from({ length: 60 }, (_, i) => asset({ difficulty: [1, 3, 0.7][i % 3] }));
        const requester = addr();
        const full = requiredBudgetMicro(3, T(0.1), assets);
        expect(full).toBe(T(0.1 * 3 * (20 + 60 + 14)));
        // one micro-TAG short of every slot: the last submission must be refused, not paid from nothing
        const input = project({ requester, redundancy: 3, baseReward: T(0.1), assets, budget: full - 1 });
        await store.creditRequester(requester, full - 1, 1000);
        const { projectId } = await store.publishProject(input, 1000);
        await store.markAssetsStored(assets.map((a) => ({ sha256: a.sha256, size: a.size })));
        expect(await store.requesterBalance(requester)).toBe(0);
        const annotators = [addr(), addr(), addr()];
        const verdicts = [];
        for (const a of annotators) {
          const { leases } = await store.leaseTasks(leaseReq(a, { max: 100 }), LIMITS, 1000);
          const mine = leases.filter((l) => l.projectId === projectId);
          expect(mine).toHaveLength(60);
          for (let i = 0; i < mine.length; i += 7) verdicts.push(...(await store.commitSubmissions(mine.slice(i, i + 7).map((l, k) => submission(a, l, String(i + k + 1))), 2000)));
        }
        const accepted = verdicts.filter((v) => v.status === 'accepted');
        expect(verdicts.filter((v) => v.status === 'rejected').map((v) => (v as { reason: string }).reason)).toEqual([expect.stringMatching(/^the project's budget is spent: 0.069999 TAG left, this task pays 0.07 TAG/)]);
        const paid = accepted.reduce((n, v) => n + (v as { reward: number }).reward, 0);
        expect(accepted.every((v) => Number.isInteger((v as { reward: number }).reward))).toBe(true);
        const budget = await store.projectBudget(projectId);
        expect(budget).toMatchObject({ budget: full - 1, spent: paid });
        expect(budget!.budget - budget!.spent).toBe(T(0.07) - 1);
        let total = 0;
        for (const a of annotators) total += (await store.rewards(a, 1000)).total;
        expect(total).toBe(paid);
      } finally {
        await store.close();
      }
    });

    it('refuses a replayed lease request, caps open leases, and releases expired ones to anyone', async () => {
      const store = await open();
      try {
        const { projectId } = await published(store, project({ redundancy: 1, assets: [asset(), asset(), asset()], leaseMs: 1000 }));
        const a = addr();
        const req = leaseReq(a, { max: 10 });
        const first = await store.leaseTasks(req, { ...LIMITS, maxOpen: 2, maxOpenPerProject: 10 }, 1000);
        expect(first.leases.filter((l) => l.projectId === projectId)).toHaveLength(2);
        expect(first.limitedBy).toMatch(/this node allows 2/);
        await expect(store.leaseTasks(req, LIMITS, 1000)).rejects.toMatchObject({ status: 409 });
        const capped = await store.leaseTasks(leaseReq(a), { ...LIMITS, maxOpen: 2, maxOpenPerProject: 10 }, 1000);
        expect(capped).toEqual({ leases: [], limitedBy: expect.stringMatching(/you hold 2 open leases, the most this node allows \(2\)/) });
        const perProject = await store.leaseTasks(leaseReq(addr()), { ...LIMITS, maxOpenPerProject: 1 }, 1000);
        expect(perProject.leases.filter((l) => l.projectId === projectId)).toHaveLength(1);
        // after expiry the rows block nobody: the same annotator and others may lease those tasks again
        const again = await store.leaseTasks(leaseReq(a), LIMITS, 5000);
        expect(again.leases.filter((l) => l.projectId === projectId)).toHaveLength(3);
      } finally {
        await store.close();
      }
    });

    it('keeps fresh wallets from taking every slot: a newcomer leases one task per project, newcomers half the open slots', async () => {
      const store = await open();
      try {
        // redundancy 2 × 3 tasks = 6 open slots; newcomers together may hold 3
        const { projectId } = await published(store, project({ redundancy: 2, assets: [asset(), asset(), asset()] }));
        const mine = (r: { leases: { projectId: string }[] }) => r.leases.filter((l) => l.projectId === projectId);
        const sybils = [addr(), addr(), addr(), addr()];
        const got = [];
        for (const w of sybils) got.push(await store.leaseTasks(leaseReq(w, { max: 1000 }), DEFAULTS, 1000));
        expect(got.map((r) => mine(r).length)).toEqual([1, 1, 1, 0]);
        expect(got[0].limitedBy).toMatch(/no accepted work on this node yet, so you may hold 1 open lease\(s\) per project/);
        expect(got[3].limitedBy).toMatch(/newcomers \(wallets with no accepted work here\) together hold their share/);
        // an annotator whose work the node accepted (elsewhere) still finds the rest of the slots
        const real = addr();
        const { projectId: earlier } = await published(store, project({ assets: [asset({ kind: 'audio', mime: 'audio/wav' })] }));
        const [warmup] = (await store.leaseTasks(leaseReq(real, { kinds: ['audio'] }), DEFAULTS, 1000)).leases.filter((l) => l.projectId === earlier);
        expect((await store.commitSubmissions([submission(real, warmup, '1')], 1000))[0].status).toBe('accepted');
        // (the sybils' three leases sit on tasks 1, 1 and 2: the annotator gets one slot on task 2 and one on task 3)
        expect(mine(await store.leaseTasks(leaseReq(real, { max: 1000 }), DEFAULTS, 1000))).toHaveLength(2);
        // once the sybils' leases expire their rows block nobody, but the pool rule holds again for the next ones
        expect(mine(await store.leaseTasks(leaseReq(addr(), { max: 1000 }), DEFAULTS, 1000 + 60_001)).length).toBe(1);
      } finally {
        await store.close();
      }
    });

    it('refuses a project that asks for stake to wallets without it, with the reason (403)', async () => {
      const store = await open();
      try {
        const { projectId } = await published(store, project({ requirements: { minStake: '50' }, assets: [asset({ kind: 'image', mime: 'image/png' })] }));
        const a = addr();
        await expect(store.leaseTasks(leaseReq(a, { kinds: ['image'] }), LIMITS, 1000)).rejects.toMatchObject({ status: 403, code: 'stake_required', message: expect.stringMatching(new RegExp(`project ${projectId} asks its annotators to have 50 TAG staked; ${a} has 0 TAG staked`)) });
        await store.setStake(a, T(49.999999), 1000);
        await expect(store.leaseTasks(leaseReq(a, { kinds: ['image'] }), LIMITS, 1000)).rejects.toMatchObject({ status: 403 });
        await store.setStake(a, T(50), 1000);
        expect((await store.leaseTasks(leaseReq(a, { kinds: ['image'] }), LIMITS, 1000)).leases.map((l) => l.projectId)).toContain(projectId);
      } finally {
        await store.close();
      }
    });

    it('offers a project only to annotators with the reputation and declared skills it asks for', async () => {
      const store = await open();
      try {
        const { projectId: experts } = await published(store, project({ minReputation: 0.8, assets: [asset({ kind: 'image', mime: 'image/png' })] }));
        const { projectId: german } = await published(store, project({ requirements: { skills: ['lang:de'] }, assets: [asset({ kind: 'audio', mime: 'audio/wav' })] }));
        const a = addr();
        const mine = async (skills: string[] = []) => (await store.leaseTasks(leaseReq(a, { skills }), LIMITS, 1000)).leases.map((l) => l.projectId);
        expect(await store.reputation(a)).toBe(0.5);
        expect(await mine()).not.toContain(experts);
        expect(await mine(['lang:en'])).not.toContain(german);
        await store.setReputation(a, 0.85, 1000);
        expect(await store.reputation(a)).toBe(0.85);
        expect(await mine(['lang:de'])).toEqual(expect.arrayContaining([experts, german]));
        await expect(store.setReputation(a, 2, 1000)).rejects.toThrow(/between 0 and 1/);
      } finally {
        await store.close();
      }
    });

    it('keeps late work while a slot is free but never lets it displace a live lease, and never pays beyond the budget', async () => {
      const store = await open();
      try {
        const { projectId } = await published(store, project({ redundancy: 1, leaseMs: 1000, assets: [asset()] }));
        const [a, b] = [addr(), addr()];
        const { leases: [la] } = await store.leaseTasks(leaseReq(a), LIMITS, 1000);
        const { leases: [lb] } = await store.leaseTasks(leaseReq(b), LIMITS, 3000); // a's lease expired at 2000
        expect(lb.taskId).toBe(la.taskId);
        const [late] = await store.commitSubmissions([submission(a, la, '1')], 3500);
        expect(late).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/your lease expired at .* held by other annotators' live leases/) });
        expect((await store.commitSubmissions([submission(b, lb, '1')], 3600))[0]).toMatchObject({ status: 'accepted', reward: T(2) });
        expect(await store.projectBudget(projectId)).toMatchObject({ budget: T(2), spent: T(2) });
      } finally {
        await store.close();
      }
    });

    it('takes in a bundle\'s project under its own ids, paid from the signer\'s balance, with leases for the work it carries; again adds nothing', async () => {
      const store = await open();
      try {
        const signer = addr();
        const [a, b] = [addr(), addr()];
        const tasks = [asset(), asset({ difficulty: 2 })].map((x, i) => ({ ...x, id: `bt_${uniq()}_${i}` }));
        const p: ImportedProject = { id: `bp_${uniq()}`, name: 'Stick', schema: { labels: [] }, instructions: '', redundancy: 2, baseReward: T(1), leaseMs: 1000, requester: signer, signature: '0x',
          tasks, stored: tasks.map((t) => ({ sha256: t.sha256, size: t.size })), leases: [{ taskId: tasks[0].id, annotator: a }, { taskId: tasks[1].id, annotator: b }] };
        await expect(store.importProject(p, 1000)).rejects.toMatchObject({ status: 402, message: expect.stringMatching(/has 0 TAG, the project's budget is 6 TAG.*requesters credit/) });
        expect(await store.projectBudget(p.id)).toBeNull();
        await store.creditRequester(signer, T(10), 1000);
        expect(await store.importProject(p, 1000)).toEqual({ projectCreated: true, tasksAdded: 2, tasksExisting: 0, budget: T(6) });
        expect(await store.requesterBalance(signer)).toBe(T(4));
        // the bundle's work is accepted under the leases the import gave (long after they expired: no one else holds one)
        const [ok] = await store.commitSubmissions([submission(a, { taskId: tasks[0].id, projectId: p.id }, '1')], 9000);
        expect(ok).toMatchObject({ status: 'accepted', reward: T(1) });
        const [none] = await store.commitSubmissions([submission(b, { taskId: tasks[0].id, projectId: p.id }, '1')], 9000);
        expect(none).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/does not hold a lease/) });
        expect(await store.importProject(p, 2000)).toEqual({ projectCreated: false, tasksAdded: 0, tasksExisting: 2, budget: 0 });
        expect(await store.requesterBalance(signer)).toBe(T(4));
        await expect(store.importProject({ ...p, requester: addr() }, 2000)).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/only the wallet that put a project here may add to it/) });
        await expect(store.importProject({ ...p, id: `bp_${uniq()}` }, 2000)).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/is a task of project bp_/) });
        const out = await store.projectForExport(p.id);
        expect(out?.project).toMatchObject({ id: p.id, name: 'Stick', redundancy: 2, baseReward: T(1), requester: signer });
        expect(out?.tasks.map((t) => [t.id, t.accepted])).toEqual([[tasks[0].id, 1], [tasks[1].id, 0]]);
        expect(await store.projectForExport('nope')).toBeNull();
      } finally {
        await store.close();
      }
    });

    it('keeps the operator\'s trusted-keys list', async () => {
      const store = await open();
      try {
        const k = addr();
        const before = (await store.trustedKeys()).length;
        expect(await store.setTrusted(k.toUpperCase().replace('0X', '0x'), 'lead', 1000)).toBe(true);
        expect((await store.trustedKeys()).find((x) => x.address === k)).toEqual({ address: k, name: 'lead', addedAt: 1000 });
        expect(await store.setTrusted(k, null, 1000)).toBe(true);
        expect(await store.setTrusted(k, null, 1000)).toBe(false);
        expect((await store.trustedKeys()).length).toBe(before);
      } finally {
        await store.close();
      }
    });
  });
}
