// The SQLite side of reviews: the context a review is checked against, and committing one in a single transaction
// (review row, reward qualities, project spending, reputation evidence, slashing, the validator's reward).
import type Database from 'better-sqlite3';
import { NEW_REPUTATION, REVIEW_RULES, applyVerdict, reputationScore, slash, type ReputationState } from '../../shared/agreement/reputation.ts';
import { rewardMicro } from '../../shared/microTag.ts';
import { safeMicro } from '../store/storeCommon.ts';
import { acceptedReview, alreadyJudged, type AcceptedReview, type ReviewCommit, type ReviewContext, type ReviewOutcome, type ReputationReport, type ReviewRow } from './types.ts';

/** The columns of an AcceptedReview (postgresReviews.ts selects the same, quoted for PostgreSQL). */
const REVIEW_COLUMNS = `r.seq, r.id, r.task_id AS taskId, t.project_id AS projectId, r.reviewer, r.verdict, r.consensus_hash AS consensusHash,
  r.submission_ids AS submissionIds, r.nonce, r.created_at AS createdAt, r.signature, r.document, r.qualities, r.validator_reward AS validatorReward,
  p.base_reward AS baseReward, t.difficulty FROM reviews r JOIN tasks t ON t.id = r.task_id JOIN projects p ON p.id = t.project_id`;

const hexToBlob = (id: string) => Buffer.from(id.slice(2), 'hex');

export class SqliteReviews {
  private readonly s;
  constructor(private readonly db: Database.Database) {
    this.s = {
      task: db.prepare(`SELECT t.id, t.project_id AS projectId, t.difficulty, p.base_reward AS baseReward FROM tasks t JOIN projects p ON p.id = t.project_id WHERE t.id = ?`),
      submission: db.prepare(`SELECT s.seq, '0x' || lower(hex(s.id)) AS id, s.task_id AS taskId, s.annotator, s.document FROM submissions s WHERE s.id = ?`),
      reviewById: db.prepare('SELECT id, validator_reward AS validatorReward, qualities FROM reviews WHERE id = ?'),
      nonceUsed: db.prepare('SELECT id FROM reviews WHERE reviewer = ? AND nonce = ?').pluck(),
      insertReview: db.prepare(`INSERT INTO reviews (id, task_id, reviewer, verdict, consensus_hash, submission_ids, nonce, created_at, signature, document, qualities, validator_reward, received_at)
        VALUES (@id, @taskId, @reviewer, @verdict, @consensusHash, @submissionIds, @nonce, @createdAt, @signature, @document, @qualities, @validatorReward, @receivedAt)`),
      reward: db.prepare('SELECT base_reward AS base, difficulty, amount FROM rewards WHERE submission_seq = ?'),
      rewardStatus: db.prepare('SELECT r.status FROM rewards r JOIN submissions s ON s.seq = r.submission_seq WHERE s.id = ?').pluck(),
      setQuality: db.prepare('UPDATE rewards SET quality = ?, amount = ?, status = ?, review_note = ? WHERE submission_seq = ?'),
      budget: db.prepare('SELECT budget, spent FROM projects WHERE id = ?'),
      spend: db.prepare('UPDATE projects SET spent = spent + ? WHERE id = ?'),
      evidence: db.prepare('SELECT accepted, rejected, gold_correct AS goldCorrect, gold_total AS goldTotal FROM reputation_evidence WHERE address = ?'),
      putEvidence: db.prepare(`INSERT INTO reputation_evidence (address, accepted, rejected, gold_correct, gold_total, updated_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (address) DO UPDATE SET accepted = excluded.accepted, rejected = excluded.rejected, gold_correct = excluded.gold_correct, gold_total = excluded.gold_total, updated_at = excluded.updated_at`),
      setReputation: db.prepare('INSERT INTO annotators (address, reputation, first_seen) VALUES (?, ?, ?) ON CONFLICT (address) DO UPDATE SET reputation = excluded.reputation'),
      stake: db.prepare('SELECT staked, slashed FROM stakes WHERE address = ?'),
      putStake: db.prepare(`INSERT INTO stakes (address, staked, slashed, updated_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (address) DO UPDATE SET staked = excluded.staked, slashed = excluded.slashed, updated_at = excluded.updated_at`),
      reviewsAfter: db.prepare(`SELECT ${REVIEW_COLUMNS} WHERE r.seq > ? ORDER BY r.seq LIMIT ?`),
      reviewsOfProject: db.prepare(`SELECT ${REVIEW_COLUMNS} WHERE t.project_id = ? ORDER BY r.seq`),
      validatorEarned: db.prepare('SELECT coalesce(sum(validator_reward), 0) AS total, count(*) AS count FROM reviews WHERE reviewer = ?').safeIntegers(),
    };
  }

  context(taskId: string, submissionIds: string[]): ReviewContext {
    const task = this.s.task.get(taskId) as ReviewContext['task'] | undefined;
    const submissions = submissionIds.map((id) => {
      const r = this.s.submission.get(hexToBlob(id)) as { id: string; taskId: string; annotator: string; document: string } | undefined;
      return r ?? null;
    });
    return { task: task ?? null, submissions };
  }

  private evidenceOf(address: string): ReputationState {
    return (this.s.evidence.get(address) as ReputationState | undefined) ?? NEW_REPUTATION;
  }

  commit(c: ReviewCommit, now: number): ReviewOutcome {
    return this.db.transaction((): ReviewOutcome => {
      const dup = this.s.reviewById.get(c.id) as { id: string; validatorReward: number } | undefined;
      if (dup) return { id: c.id, status: 'duplicate', validatorReward: dup.validatorReward, qualities: c.qualities };
      const reviewer = c.message.reviewer.toLowerCase();
      if (this.s.nonceUsed.get(reviewer, c.message.nonce)) return { id: c.id, status: 'rejected', reason: 'nonce already used by this reviewer' };
      const judged = alreadyJudged(c.qualities.map((q) => [q.submissionId, this.s.rewardStatus.get(hexToBlob(q.submissionId)) as string | undefined]));
      if (judged) return { id: c.id, status: 'rejected', reason: judged };
      const task = this.s.task.get(c.message.taskId) as NonNullable<ReviewContext['task']>;
      const budget = this.s.budget.get(task.projectId) as { budget: number; spent: number };
      let spent = budget.spent;
      for (const q of c.qualities) {
        const row = this.s.submission.get(hexToBlob(q.submissionId)) as { seq: number; annotator: string };
        const paid = this.s.reward.get(row.seq) as { base: number; difficulty: number; amount: number };
        const after = rewardMicro(paid.base, paid.difficulty, q.quality);
        this.s.setQuality.run(q.quality, after, c.message.verdict === 'accept' ? 'reviewed' : c.message.verdict === 'reject' ? 'rejected' : 'rework', c.note, row.seq);
        this.s.spend.run(after - paid.amount, task.projectId);
        spent += after - paid.amount;
        if (c.message.verdict !== 'rework') {
          const ev = applyVerdict(this.evidenceOf(row.annotator), q.quality);
          this.s.putEvidence.run(row.annotator, ev.accepted, ev.rejected, ev.goldCorrect, ev.goldTotal, now);
          this.s.setReputation.run(row.annotator, reputationScore(ev).score, now);
        }
        if (c.message.verdict === 'reject') {
          const st = this.s.stake.get(row.annotator) as { staked: number; slashed: number } | undefined;
          if (st && st.staked > 0) {
            const r = slash(st.staked, REVIEW_RULES.slashRejected);
            this.s.putStake.run(row.annotator, r.stake, st.slashed + r.slashed, now);
          }
        }
      }
      // The validator's share comes from the same budget and never past it.
      const validatorReward = Math.max(0, Math.min(c.validatorReward, budget.budget - spent));
      this.s.spend.run(validatorReward, task.projectId);
      this.s.insertReview.run({
        id: c.id, taskId: c.message.taskId, reviewer, verdict: c.message.verdict, consensusHash: c.message.consensusHash.toLowerCase(),
        submissionIds: JSON.stringify(c.message.submissionIds), nonce: c.message.nonce, createdAt: Number(c.message.createdAt), signature: c.signature,
        document: c.document, qualities: JSON.stringify(c.qualities), validatorReward, receivedAt: now,
      });
      return { id: c.id, status: 'accepted', validatorReward, qualities: c.qualities };
    })();
  }

  accepted(q: { afterSeq: number; limit: number } | { projectId: string }): AcceptedReview[] {
    const rows = ('projectId' in q ? this.s.reviewsOfProject.all(q.projectId) : this.s.reviewsAfter.all(q.afterSeq, q.limit)) as ReviewRow[];
    return rows.map(acceptedReview);
  }

  reputation(address: string): ReputationReport {
    const a = address.toLowerCase();
    const ev = this.evidenceOf(a);
    const st = (this.s.stake.get(a) as { staked: number; slashed: number } | undefined) ?? { staked: 0, slashed: 0 };
    const v = this.s.validatorEarned.get(a) as { total: bigint; count: bigint };
    return { address, ...reputationScore(ev), evidence: ev, stake: st.staked, slashed: st.slashed, reviews: Number(v.count), validatorRewards: safeMicro(v.total), rules: REVIEW_RULES };
  }

  setStake(address: string, staked: number, now: number): void {
    const a = address.toLowerCase();
    const st = (this.s.stake.get(a) as { slashed: number } | undefined) ?? { slashed: 0 };
    this.s.putStake.run(a, staked, st.slashed, now);
  }
}
