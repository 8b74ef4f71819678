// A schema-5 node store's money as floats (before migration 006), and what the upgrade must make of it exactly;
// the SQLite and PostgreSQL store tests both load it.
import { expect } from 'vitest';
import type { NodeStore } from '../store/NodeStore.ts';

const REQ = '0x' + 'a'.repeat(40);
const ANN = '0x' + 'b'.repeat(40);
/** The rows in either dialect (bytea literals differ). */
export const schema5MoneyRows = (pg: boolean) => `
    INSERT INTO requesters (address, balance, updated_at) VALUES ('${REQ}', 12.345678900000001, 1);
    INSERT INTO requester_credits (address, amount, created_at) VALUES ('${REQ}', 0.30000000000000004, 1);
    INSERT INTO projects (id, name, schema, instructions, redundancy, base_reward, lease_ms, created_at, requester, budget, spent) VALUES ('p1', 'P', '{}', '', 2, 0.1, 1000, 1, '${REQ}', 0.5966666000000001, 0.9);
    INSERT INTO assets (sha256, kind, mime) VALUES ('ab', 'text', 'text/plain');
    INSERT INTO tasks (id, project_id, asset_sha256, kind, asset_name, difficulty) VALUES ('t1', 'p1', 'ab', 'text', 'a', 3);
    INSERT INTO submissions (seq, id, task_seq, task_id, project_id, annotator, nonce, created_at, content_hash, signature, document, received_at)
      VALUES (1, ${pg ? "'\\x01'" : "x'01'"}, 1, 't1', 'p1', '${ANN}', '1', 1, '0x', '0x', '{}', 1), (2, ${pg ? "'\\x02'" : "x'02'"}, 1, 't1', 'p1', '${'0x' + 'c'.repeat(40)}', '1', 1, '0x', '0x', '{}', 1);
    INSERT INTO rewards (submission_seq, annotator, task_id, project_id, base_reward, difficulty, quality, created_at) VALUES (1, '${ANN}', 't1', 'p1', 0.1, 3, 0.888889, 1), (2, '${ANN}', 't1', 'p1', 0.1, 3, 1, 1);
    INSERT INTO reviews (id, task_id, reviewer, verdict, consensus_hash, submission_ids, nonce, created_at, signature, qualities, validator_reward, received_at)
      VALUES ('r1', 't1', '${REQ}', 'accept', '0x', '[]', '1', 1, '0x', '[]', 0.030000000000000002, 1);
    INSERT INTO stakes (address, staked, slashed, updated_at) VALUES ('${ANN}', 99.99999949, 0.0000005, 1);
`;

export async function expectExactMoney(store: NodeStore): Promise<void> {
  // 0.1 × 3 × 0.888889 = 0.2666667 → 266667; 0.1 × 3 = 0.30000000000000004 → 300000; the review paid 30000; the
  // budget a hair below what float slack let it pay is raised to the paid 596667 (the schema now checks spent ≤ budget)
  expect((await store.rewards(ANN, 10)).items.map((i) => i.amount).sort()).toEqual([266_667, 300_000]);
  expect(await store.projectBudget('p1')).toEqual({ projectId: 'p1', requester: REQ, budget: 596_667, spent: 596_667 });
  expect(await store.requesterBalance(REQ)).toBe(12_345_679);
  expect(await store.reputationReport(ANN)).toMatchObject({ stake: 99_999_999, slashed: 1 });
}
