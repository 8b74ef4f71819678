// The review-by-stick loop with three data directories and no node: a lead exports tasks, two annotators import
// them, annotate and export their signed work, the lead merges it (no duplicates, a twice-signed task flagged),
// reviews and exports the signed result, which an annotator's machine verifies. Bundles move only through the
// `tagger` command, as files on a stick would; annotating goes through the core, as the app does.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../../electron/cli/main.ts';
import { Wallet } from 'ethers';
import { KEYS, addSpan, insertSignedReview, openStation } from '../../../electron/bundles/testing/stations.ts';
import { VersionRepository } from '../../../electron/review/versions.ts';
import { TEST_PASSWORD } from '../../../electron/sync/testing/workstation.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), `tagger-stick-${p}-`));
/** The last step runs as a real process; the others call the same main() in this process (each spawn costs seconds). */
function spawnTagger(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/tagger.js'), ...args], { encoding: 'utf8', timeout: 60000, env: { ...process.env, TAGGER_WALLET_PASSWORD: TEST_PASSWORD, TAGGER_SYNC_AUTOSTART: '0' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
async function tagger(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  process.env.TAGGER_WALLET_PASSWORD = TEST_PASSWORD;
  try {
    const code = await main(args);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
    delete process.env.TAGGER_WALLET_PASSWORD;
  }
}

async function withStation<T>(key: string, dir: string, fn: (s: Awaited<ReturnType<typeof openStation>>) => T | Promise<T>): Promise<T> {
  const s = await openStation(key, dir);
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

describe('review by stick (no node)', () => {
  it('moves tasks out, signed work back, and a signed result out again, through bundles alone', async () => {
    const [L, A1, A2, stick, src] = [tmp('lead'), tmp('ann1'), tmp('ann2'), tmp('stick'), tmp('src')];
    for (let i = 0; i < 3; i++) fs.writeFileSync(path.join(src, `doc-${i}.txt`), `Document ${i}: Ada Lovelace met Charles Babbage in London.\n`);
    expect((await tagger('import', '--data', L, '--project', 'Stick', src)).code).toBe(0);
    const addr = { lead: new Wallet(KEYS.lead).address, ann1: new Wallet(KEYS.ann1).address, ann2: new Wallet(KEYS.ann2).address };
    for (const [dir, key] of [[L, KEYS.lead], [A1, KEYS.ann1], [A2, KEYS.ann2]]) await withStation(key, dir, () => undefined); // each machine's wallet
    for (const a of [addr.ann1, addr.ann2]) expect((await tagger('keys', 'trust', a, '--data', L, '--name', 'annotator')).code).toBe(0);
    for (const d of [A1, A2]) expect((await tagger('keys', 'trust', addr.lead, '--data', d, '--name', 'lead')).code).toBe(0);
    expect((await tagger('keys', 'list', '--data', L)).out).toContain(addr.ann2);

    // 1. The lead carries the tasks out.
    const tasksBundle = path.join(stick, 'tasks.tagger');
    const ex = (await tagger('bundle', 'export', '--data', L, '--project', 'Stick', '--out', tasksBundle));
    expect(ex, ex.err).toMatchObject({ code: 0 });
    expect(ex.out).toMatch(/3 task\(s\), 3 asset\(s\) with media.*signed by 0x/);
    for (const d of [A1, A2]) expect((await tagger('bundle', 'import', '--data', d, tasksBundle)).out).toMatch(/Imported into "Stick" \(new project\).*\n.*tasks 3 new/);

    // 2. Each annotator labels and signs; annotator 1 reopens one task and signs a second, different version.
    const taskIds = await withStation(KEYS.ann1, A1, (s) => {
      const ids = (s.core.db.prepare('SELECT id FROM tasks ORDER BY position').pluck().all() as string[]);
      addSpan(s.core, ids[0], 'p1', 'PER', 0, 8);
      s.net.submissions.submit(ids[0]);
      addSpan(s.core, ids[1], 'p2', 'PER', 21, 34);
      s.net.submissions.submit(ids[1]);
      s.core.tasks.setStatus(ids[0], 'in_progress');
      addSpan(s.core, ids[0], 'p3', 'LOC', 50, 56);
      s.net.submissions.submit(ids[0]);
      return ids;
    });
    await withStation(KEYS.ann2, A2, (s) => {
      for (const id of taskIds) {
        addSpan(s.core, id, `q-${id}`, 'PER', 0, 8);
        s.net.submissions.submit(id);
      }
    });
    const w1 = path.join(stick, 'ann1.tagger');
    const w2 = path.join(stick, 'ann2.tagger');
    expect((await tagger('bundle', 'export', '--data', A1, '--project', 'Stick', '--out', w1, '--no-media')).out).toMatch(/3 submission\(s\)/);
    expect((await tagger('bundle', 'export', '--data', A2, '--project', 'Stick', '--out', w2, '--no-media')).out).toMatch(/3 submission\(s\)/);

    // 3. The lead merges: every submission once, the twice-signed task flagged, the second import a no-op.
    const m1 = (await tagger('bundle', 'import', '--data', L, w1));
    expect(m1.out).toMatch(/submissions 3 new/);
    expect(m1.out).toMatch(new RegExp(`flagged for review: task ${taskIds[0]} has 2 different signed versions by ${addr.ann1.toLowerCase()}`));
    expect((await tagger('bundle', 'import', '--data', L, w2)).out).toMatch(/submissions 3 new/);
    expect((await tagger('bundle', 'import', '--data', L, w1)).out).toMatch(/submissions 0 new, 3 already here/);

    // 4. The lead reviews (a signed verdict) and exports the signed result.
    await withStation(KEYS.lead, L, (s) => {
      const rows = s.core.db.prepare('SELECT id, task_id, annotator, content_hash FROM submissions ORDER BY annotator, task_id').all() as { id: string; task_id: string; annotator: string; content_hash: string }[];
      expect(rows).toHaveLength(6);
      expect(new Set(rows.map((r) => r.annotator))).toEqual(new Set([addr.ann1, addr.ann2]));
      expect(s.core.db.prepare('SELECT task_id, annotator FROM task_flags').all()).toEqual([{ task_id: taskIds[0], annotator: addr.ann1.toLowerCase() }]);
      const sub = rows.find((r) => r.annotator === addr.ann2 && r.task_id === taskIds[0])!;
      insertSignedReview(s.core, KEYS.lead, sub.task_id, [sub.id]);
      // Review mode sees each annotator's version of the task, signed by them.
      expect(new VersionRepository(s.core.db, s.core.tasks).list(sub.task_id).map((v) => [v.annotator, v.signer, v.source]).sort()).toEqual([[addr.ann1, addr.ann1, 'bundle'], [addr.ann2, addr.ann2, 'bundle']].sort());
    });
    const result = path.join(stick, 'result.tagger');
    expect((await tagger('bundle', 'export', '--data', L, '--project', 'Stick', '--out', result, '--no-media')).out).toMatch(/6 submission\(s\), 1 review\(s\)/);

    // 5. Anyone who trusts the lead can check who signed what; a machine that does not is told so (exit 1).
    const v = (await tagger('bundle', 'verify', '--data', A2, result));
    expect(v, v.err).toMatchObject({ code: 0 });
    expect(v.out).toContain(`signed by ${addr.lead} — trusted here`);
    expect(v.out).toContain(`work signed by ${addr.ann1}: 3 submission(s), 0 review(s)`);
    expect(v.out).toContain(`work signed by ${addr.ann2}: 3 submission(s), 0 review(s)`);
    expect(v.out).toContain(`work signed by ${addr.lead}: 0 submission(s), 1 review(s)`);
    const stranger = spawnTagger('bundle', 'verify', '--data', tmp('stranger'), result);
    expect(stranger.code).toBe(1);
    expect(stranger.out).toMatch(/NOT on the trusted-keys list[\s\S]*\[unknown_signer\]/);
    const back = (await tagger('bundle', 'import', '--data', A2, result));
    expect(back.out).toMatch(/submissions 3 new, 3 already here; reviews 1 new/);
  });
});
