// A node fed and drained by bundles: a lead's stick bundle (tasks with media, an annotator's signed submission and
// the lead's signed review) goes into a node with `tagger node import`, the node leases the rest over HTTP, and
// `tagger node export` gives back accepted work a fresh workstation imports. The same import runs on PostgreSQL.
import { MICRO_PER_TAG } from '../../shared/microTag.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Wallet, encryptKeystoreJson } from 'ethers';
import { KEYS, addSpan, insertSignedReview, openStation, seedProject, storeBytes, type Station } from '../bundles/testing/stations.ts';
import { ROOT, startNodeProcess, tempDir, OPEN_TO_NEWCOMERS } from '../../network/testing/nodeProcess.ts';
import { leaseAs } from '../../network/testing/signing.ts';
import { postgresAvailable, startPostgres } from '../../network/testing/postgres.ts';
import { openNodeStore } from '../../network/store/openNodeStore.ts';
import { AssetFiles } from '../../network/store/assetFiles.ts';
import { DEFAULT_DOMAIN } from '../../shared/signing/typedData.ts';
import { importIntoNode } from './nodeBundles.ts';

const run = promisify(execFile);
const tagger = (env: Record<string, string>, ...args: string[]) => run(process.execPath, [path.join(ROOT, 'bin/tagger.js'), ...args], { cwd: ROOT, env: { ...process.env, ...env } }).then(
  (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
  (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }));

const open: Station[] = [];
afterAll(async () => {
  for (const s of open.splice(0)) await s.close();
});
const station = async (key: string) => {
  const s = await openStation(key);
  open.push(s);
  return s;
};
const lead = new Wallet(KEYS.lead).address;

/** The stick loop up to the lead's result: 3 tasks with media, ann1's signed work on task 0, the lead's signed review of it. */
async function leadResult(): Promise<{ file: string; projectId: string; taskIds: string[]; submissionId: string }> {
  const dir = tempDir('tagger-stick-');
  const L = await station(KEYS.lead);
  const { projectId, taskIds } = seedProject(L.core, 3);
  await L.bundles.exportBundle({ projectId, out: path.join(dir, 'tasks.tagger'), withMedia: true });
  const A = await station(KEYS.ann1);
  A.bundles.trusted.trust(lead);
  await A.bundles.importBundle(path.join(dir, 'tasks.tagger'));
  addSpan(A.core, taskIds[0], 's1', 'PER');
  A.net.submissions.submit(taskIds[0]);
  await A.bundles.exportBundle({ projectId, out: path.join(dir, 'work.tagger'), withMedia: false });
  L.bundles.trusted.trust(A.address);
  await L.bundles.importBundle(path.join(dir, 'work.tagger'));
  const sub = L.core.db.prepare('SELECT id, content_hash FROM submissions WHERE task_id = ?').get(taskIds[0]) as { id: string; content_hash: string };
  insertSignedReview(L.core, KEYS.lead, taskIds[0], [sub.id], 'accept', sub.content_hash);
  const file = path.join(dir, 'result.tagger');
  await L.bundles.exportBundle({ projectId, out: file, withMedia: true });
  return { file, projectId, taskIds, submissionId: sub.id };
}

describe('tagger node import / export', () => {
  it('feeds a SQLite node from a trusted bundle, refuses an untrusted one untouched, leases the rest, and drains accepted work into a signed bundle', async () => {
    const { file, projectId, taskIds, submissionId } = await leadResult();
    const data = tempDir('tagger-node-bundle-');
    // not trusted yet: refused with the reason and the command, and the node store is exactly as it was
    expect((await tagger({}, 'node', 'keys', 'list', '--data', data)).out).toMatch(/No trusted keys/);
    // every file byte for byte (empty asset folders may appear: the asset store makes them on opening)
    const files = () => Object.fromEntries(Object.entries(storeBytes(data)).filter(([k]) => k !== '(dirs)'));
    const before = files();
    const refused = await tagger({}, 'node', 'import', file, '--data', data);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toMatch(new RegExp(`refused, nothing was imported: The bundle is signed by ${lead}, which is not on this machine's trusted-keys list`));
    expect(files()).toEqual(before);
    expect(Object.keys(before)).toContain('node.sqlite');

    expect((await tagger({}, 'node', 'keys', 'trust', lead, '--name', 'lead', '--data', data)).out).toMatch(`Trusted ${lead}`);
    // the new tasks are paid for like a publish: 3 tasks × k=1 × 1 TAG from the signer's balance
    const broke = await tagger({}, 'node', 'import', file, '--data', data);
    expect(broke.err).toMatch(/has 0 TAG, the project's budget is 3 TAG; ask the node operator to credit the requester/);
    expect((await tagger({}, 'node', 'requesters', 'credit', lead, '5', '--data', data)).code).toBe(0);
    // the lead's review counts on the node only as a staked validator's (the node's review rules)
    expect((await tagger({}, 'node', 'validators', 'stake', lead, '100', '--data', data)).code).toBe(0);
    const ok = await tagger({}, 'node', 'import', file, '--data', data);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(new RegExp(`Imported "Stick" \\(${projectId}\\), a new project, signed by ${lead}`));
    expect(ok.out).toMatch(/tasks 3 new, 0 already here; media 3 new/);
    expect(ok.out).toMatch(/submissions 1 accepted, 0 already here, 0 refused/);
    expect(ok.out).toMatch(/reviews 1 accepted, 0 already here, 0 refused/);
    // again: everything is recognised, nothing is paid twice
    const again = await tagger({}, 'node', 'import', file, '--data', data);
    expect(again.out).toMatch(/tasks 0 new, 3 already here; media 0 new, 3 already here/);
    expect(again.out).toMatch(/submissions 0 accepted, 1 already here/);
    expect(again.out).toMatch(/reviews 0 accepted, 1 already here/);
    expect((await tagger({}, 'node', 'requesters', 'balance', lead, '--data', data)).out).toMatch(`${lead}: 2 TAG`);

    // the node serves the two tasks nobody has done yet to an annotator on the LAN
    const node = await startNodeProcess({ dataDir: data, credit: false, args: OPEN_TO_NEWCOMERS });
    try {
      const leases = (await leaseAs(node.url, Wallet.createRandom(), ['text'], 10)).body.leases;
      expect(leases.map((l) => l.taskId).sort()).toEqual([taskIds[1], taskIds[2]].sort());
    } finally {
      await node.stop();
    }

    // drained: the operator's wallet signs the accepted work; a fresh workstation that trusts it imports it
    const operator = Wallet.createRandom();
    const keystore = path.join(tempDir('tagger-op-'), 'keystore.json');
    fs.writeFileSync(keystore, await encryptKeystoreJson({ address: operator.address, privateKey: operator.privateKey }, 'pw', { scrypt: { N: 1024 } }));
    const out = path.join(tempDir('tagger-out-'), 'accepted.tagger');
    const exp = await tagger({ TAGGER_WALLET_PASSWORD: 'pw' }, 'node', 'export', '--data', data, '--project', projectId, '--out', out, '--keystore', keystore);
    expect(exp.out).toMatch(new RegExp(`Wrote .*accepted\\.tagger .*3 task\\(s\\), 3 asset\\(s\\) with media, 1 accepted submission\\(s\\), 1 review\\(s\\); signed by ${operator.address}`));
    const C = await station(KEYS.ann2);
    C.bundles.trusted.trust(operator.address);
    const v = await C.bundles.verify(out);
    expect(v).toMatchObject({ ok: true, signer: operator.address, signers: expect.arrayContaining([{ address: new Wallet(KEYS.ann1).address, submissions: 1, reviews: 0 }, { address: lead, submissions: 0, reviews: 1 }]) });
    const r = await C.bundles.importBundle(out);
    expect(r).toMatchObject({ projectCreated: true, tasks: { added: 3 }, submissions: { added: 1 }, reviews: { added: 1 }, objects: { added: 1 } });
    expect(C.core.db.prepare('SELECT id FROM submissions').pluck().all()).toEqual([submissionId]);
    const missing = await tagger({ TAGGER_WALLET_PASSWORD: 'pw' }, 'node', 'export', '--data', data, '--project', 'p_nope', '--out', out, '--keystore', keystore);
    expect(missing.err).toMatch(/This node has no project p_nope/);
  }, 120_000);

  it.skipIf(!postgresAvailable())('imports the same bundle into a PostgreSQL node store, once', async () => {
    const { file } = await leadResult();
    const cluster = await startPostgres();
    try {
      const db = await cluster.createDatabase();
      const store = await openNodeStore({ dataDir: tempDir(), db });
      try {
        await store.setTrusted(lead, 'lead', 1);
        await store.creditRequester(lead, 3 * MICRO_PER_TAG, 1);
        await store.setStake(lead, 100 * MICRO_PER_TAG, 1);
        const c = { store, assets: new AssetFiles(path.join(tempDir(), 'assets')), domain: DEFAULT_DOMAIN, now: Date.now };
        expect(await importIntoNode(file, c)).toMatchObject({ projectCreated: true, budget: 3, tasks: { added: 3 }, media: { added: 3 }, submissions: { accepted: 1, rejected: [] }, reviews: { accepted: 1, rejected: [] } });
        expect(await importIntoNode(file, c)).toMatchObject({ projectCreated: false, budget: 0, tasks: { existing: 3 }, media: { existing: 3 }, submissions: { accepted: 0, duplicate: 1 }, reviews: { duplicate: 1 } });
        expect(await store.requesterBalance(lead)).toBe(0);
        // work signed for another chain is refused whole
        await expect(importIntoNode(file, { ...c, domain: { ...DEFAULT_DOMAIN, chainId: 99 } })).rejects.toThrow(/signed for chain id 31337 .* this node runs chain id 99/);
      } finally {
        await store.close();
      }
    } finally {
      await cluster.stop();
    }
  }, 120_000);
});
