// Money as integers (shared/microTag.ts): every amount the node keeps becomes a whole number of micro-TAG
// (1 TAG = 1,000,000) in an INTEGER / BIGINT column, and each reward row keeps its paid amount instead of a product
// of floats computed on every read. Existing rows convert exactly as the chain's first reward rules settled them
// (rounded to the nearest micro-TAG); a project's spending is then the sum of what its rows record, so spent = Σ paid
// holds to the micro-TAG, and the schema itself refuses a negative balance or spending past the budget.
/** A billion TAG (shared/microTag.ts MAX_MICRO_TAG), written out: a landed migration never changes with the code. */
const MAX_MICRO_TAG = 1_000_000_000_000_000;

/** Every money column before this migration (REAL TAG), in conversion order: budget before spent, whose check names it. */
const MONEY_COLUMNS: { table: string; column: string; check?: string }[] = [
  { table: 'requesters', column: 'balance', check: `balance BETWEEN 0 AND ${MAX_MICRO_TAG}` },
  { table: 'requester_credits', column: 'amount', check: `amount BETWEEN 0 AND ${MAX_MICRO_TAG}` },
  { table: 'projects', column: 'base_reward', check: `base_reward BETWEEN 0 AND ${MAX_MICRO_TAG}` },
  { table: 'projects', column: 'budget', check: `budget BETWEEN 0 AND ${MAX_MICRO_TAG}` },
  { table: 'rewards', column: 'base_reward', check: `base_reward BETWEEN 0 AND ${MAX_MICRO_TAG}` },
  { table: 'reviews', column: 'validator_reward', check: `validator_reward BETWEEN 0 AND ${MAX_MICRO_TAG}` },
  { table: 'stakes', column: 'staked', check: `staked BETWEEN 0 AND ${MAX_MICRO_TAG}` },
  { table: 'stakes', column: 'slashed', check: `slashed BETWEEN 0 AND ${MAX_MICRO_TAG}` },
];

// rounded half away from zero in both dialects (PostgreSQL rounds a double half to even, a numeric away from zero)
const micro = (expr: string, pg: boolean) => (pg ? `round(((${expr}) * 1000000)::numeric)::bigint` : `CAST(round((${expr}) * 1000000) AS INTEGER)`);

// rewards.amount first (it reads the REAL base reward), spent last (recomputed from the converted rows, and checked
// against the converted budget). A budget that float slack left a hair below its spending is raised to it: that money
// was already paid, and the check needs spent ≤ budget.
const AMOUNT_SQL = (pg: boolean) => `ALTER TABLE rewards ADD COLUMN amount ${pg ? 'BIGINT' : 'INTEGER'} NOT NULL DEFAULT 0 CHECK (amount BETWEEN 0 AND ${MAX_MICRO_TAG});
    UPDATE rewards SET amount = ${micro('base_reward * difficulty * quality', pg)};`;
const PAID = `(coalesce((SELECT sum(r.amount) FROM rewards r WHERE r.project_id = projects.id), 0)
      + coalesce((SELECT sum(v.validator_reward) FROM reviews v JOIN tasks t ON t.id = v.task_id WHERE t.project_id = projects.id), 0))`;
const SPENT_SQL = (pg: boolean) => `
    UPDATE projects SET budget = ${pg ? 'GREATEST' : 'max'}(budget, ${PAID});
    UPDATE projects SET spent = ${PAID};`;

function sqliteSql(): string {
  const cols = MONEY_COLUMNS.map(({ table, column, check }) => `
    ALTER TABLE ${table} ADD COLUMN ${column}_micro INTEGER NOT NULL DEFAULT 0 CHECK (${check!.replace(column, `${column}_micro`)});
    UPDATE ${table} SET ${column}_micro = ${micro(column, false)};
    ALTER TABLE ${table} DROP COLUMN ${column};
    ALTER TABLE ${table} RENAME COLUMN ${column}_micro TO ${column};`).join('');
  return `${AMOUNT_SQL(false)}${cols}
    ALTER TABLE projects ADD COLUMN spent_micro INTEGER NOT NULL DEFAULT 0 CHECK (spent_micro >= 0 AND spent_micro <= budget);
    ALTER TABLE projects DROP COLUMN spent;
    ALTER TABLE projects RENAME COLUMN spent_micro TO spent;${SPENT_SQL(false)}`;
}

function postgresSql(): string {
  const cols = MONEY_COLUMNS.map(({ table, column, check }) => `
    ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${table}_${column}_check;
    ALTER TABLE ${table} ALTER COLUMN ${column} DROP DEFAULT, ALTER COLUMN ${column} TYPE BIGINT USING ${micro(column, true)};
    ALTER TABLE ${table} ADD CONSTRAINT ${table}_${column}_micro CHECK (${check});`).join('');
  return `${AMOUNT_SQL(true)}${cols}
    ALTER TABLE projects ALTER COLUMN spent DROP DEFAULT, ALTER COLUMN spent TYPE BIGINT USING 0;
    ALTER TABLE projects ALTER COLUMN spent SET DEFAULT 0;${SPENT_SQL(true)}
    ALTER TABLE projects ADD CONSTRAINT projects_spent_within_budget CHECK (spent >= 0 AND spent <= budget);
    ALTER TABLE requesters ALTER COLUMN balance SET DEFAULT 0;
    ALTER TABLE stakes ALTER COLUMN staked SET DEFAULT 0;
    ALTER TABLE stakes ALTER COLUMN slashed SET DEFAULT 0;
    ALTER TABLE projects ALTER COLUMN budget SET DEFAULT 0;`;
}

export const INTEGER_MONEY_SQL = sqliteSql();
export const INTEGER_MONEY_POSTGRES = postgresSql();
