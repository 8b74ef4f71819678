// The hostile-bundle corpus: every case is refused with the reason it was built to trip, by import (store byte for
// byte unchanged, no staging left behind) and by verify; and the good bundle it was made from imports.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, addSpan, insertSignedReview, openStation, seedProject, storeBytes, type Station } from '../../../electron/bundles/testing/stations.ts';
import { BundleService } from '../../../electron/bundles/bundleService.ts';
import { TrustedKeys } from '../../../electron/bundles/trustedKeys.ts';
import { DEFAULT_LIMITS } from '../../../shared/bundle/checks.ts';
import type { TaggerError } from '../../../shared/errors.ts';
import type { BundleProblem } from '../../../shared/bundle/problems.ts';
import { buildCorpus, readEntries, type HostileCase } from './hostileCorpus.ts';

let lead: Station;
let target: Station;
let good: string;
let cases: HostileCase[];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-hostile-'));

beforeAll(async () => {
  lead = await openStation(KEYS.lead);
  const { projectId, taskIds } = seedProject(lead.core, 2, 'Hostile');
  addSpan(lead.core, taskIds[0], 's1', 'PER');
  const { submissionId } = lead.net.submissions.submit(taskIds[0]);
  insertSignedReview(lead.core, KEYS.lead, taskIds[0], [submissionId]);
  good = path.join(dir, 'good.tagger');
  await lead.bundles.exportBundle({ projectId, out: good, withMedia: true });
  target = await openStation(KEYS.ann1);
  target.bundles.trusted.trust(lead.address, 'lead');
  cases = buildCorpus(await readEntries(good), { lead: KEYS.lead, stranger: KEYS.stranger });
});

afterAll(async () => {
  await lead?.close();
  await target?.close();
});

function serviceWith(limits: HostileCase['limits']): BundleService {
  const { core, net } = target;
  return new BundleService({
    db: core.db, media: core.media, trusted: new TrustedKeys(core.db, core.now), now: core.now, appVersion: 'test',
    signer: () => net.wallet.signer(), localAddress: () => net.wallet.address(), limits: { ...DEFAULT_LIMITS, ...limits },
  });
}

describe('the hostile-bundle corpus', () => {
  it('has at least 50 cases and covers every refusal a bundle can get', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
    const codes = new Set(cases.map((c) => c.expect));
    for (const code of ['bad_hash', 'bad_signature', 'unknown_signer', 'path_escape', 'link_entry', 'size_mismatch', 'too_large', 'duplicate_entry', 'format_too_new', 'not_a_bundle', 'bad_manifest', 'unlisted_entry', 'missing_entry', 'bad_record', 'not_a_file'])
      expect(codes).toContain(code);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it('refuses every case with its reason, writing nothing to the store', async () => {
    const wrong: string[] = [];
    for (const c of cases) {
      const file = path.join(dir, `${c.name}.tagger`);
      fs.writeFileSync(file, c.bytes);
      const before = storeBytes(target.dataDir);
      const service = serviceWith(c.limits);
      let problems: BundleProblem[] = [];
      try {
        await service.importBundle(file);
        wrong.push(`${c.name}: imported`);
        continue;
      } catch (e) {
        problems = ((e as TaggerError).detail?.problems as BundleProblem[]) ?? [];
        expect((e as Error).message, c.name).toMatch(/refused, nothing was imported/);
      }
      if (problems[0]?.code !== c.expect) wrong.push(`${c.name}: expected ${c.expect}, got ${problems.map((p) => `${p.code} (${p.message})`).join('; ') || 'no problem'}`);
      for (const p of problems) expect(p.message.length, c.name).toBeGreaterThan(20);
      expect(storeBytes(target.dataDir), c.name).toEqual(before);
      const v = await service.verify(file);
      if (v.ok || !v.problems.some((p) => p.code === c.expect)) wrong.push(`${c.name}: verify said ${v.ok ? 'ok' : v.problems.map((p) => p.code).join(',')}`);
    }
    expect(wrong).toEqual([]);
  });

  it('imports the good bundle the corpus was made from', async () => {
    const r = await target.bundles.importBundle(good);
    expect(r).toMatchObject({ projectName: 'Hostile', tasks: { added: 2 }, submissions: { added: 1 }, reviews: { added: 1 } });
  });
});
