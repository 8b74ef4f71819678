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
