import { afterAll, describe, expect, it } from 'vitest';
import { Wallet, hexlify, randomBytes } from 'ethers';
import { DEFAULT_DOMAIN } from '../../shared/signing/typedData.ts';
import { VerifierPool } from './pool.ts';
import { checkItems } from './verifyItems.ts';
import { signSubmission } from '../testing/signing.ts';

let pool: VerifierPool | undefined;
afterAll(async () => pool?.close());

describe('VerifierPool', () => {
  it('spreads a batch over its workers and returns verdicts in the batch order, as a single thread would', async () => {
    pool = await VerifierPool.start(DEFAULT_DOMAIN, 2);
    expect(pool.size).toBe(2);
    const w = new Wallet(hexlify(randomBytes(32)));
    const items: unknown[] = Array.from({ length: 150 }, (_, i) => JSON.parse(JSON.stringify(signSubmission(w, DEFAULT_DOMAIN, { taskId: `t_${i}`, projectId: 'p' }, { nonce: i + 1 }))));
    items[7] = { ...(items[7] as object), signature: '0x00' };
    items[120] = 'not an item';
    const got = await pool.verify(items);
    expect(got).toEqual(checkItems(DEFAULT_DOMAIN, items));
    expect(got.filter((r) => !r.ok)).toHaveLength(2);
  });
});

describe('VerifierPool after a worker dies', () => {
  it('fails the work that worker had, replaces it, and keeps verifying', async () => {
    const p = await VerifierPool.start(DEFAULT_DOMAIN, 1);
    try {
      const w = new Wallet(hexlify(randomBytes(32)));
      const item = JSON.parse(JSON.stringify(signSubmission(w, DEFAULT_DOMAIN, { taskId: 't', projectId: 'p' }, { nonce: 1 })));
      // simulate a crash of the worker (as an out-of-memory kill would end it)
      const worker = (p as unknown as { slots: { worker: { terminate(): Promise<number> } }[] }).slots[0].worker;
      await worker.terminate();
      await expect.poll(async () => (p.size ? (await p.verify([item]))[0].ok : false), { timeout: 20_000 }).toBe(true);
    } finally {
      await p.close();
    }
  }, 30_000);
});
