// The PostgreSQL store passes the same behaviour suite as the SQLite one, on a throwaway cluster (testing/postgres.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startPostgres, type PostgresCluster } from '../testing/postgres.ts';
import { openPostgresNodeStore } from './postgresNodeStore.ts';
import { NODE_MIGRATIONS, NODE_SCHEMA_VERSION, postgresSql } from './migrations/index.ts';
import { expectExactMoney, schema5MoneyRows } from '../testing/schema5Money.ts';
import { nodeStoreSuite } from './nodeStore.suite.ts';

let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgres();
}, 60_000);
afterAll(async () => cluster?.stop(), 30_000);

describe('PostgreSQL node store', () => {
  nodeStoreSuite(async () => openPostgresNodeStore(await cluster.createDatabase()));

  it('migrates once with the same migrations, records the version, and refuses a newer database', async () => {
    const url = await cluster.createDatabase();
    // two node processes starting together: the advisory lock lets one migrate, the other sees it done
    const [a, b] = await Promise.all([openPostgresNodeStore(url), openPostgresNodeStore(url)]);
    await Promise.all([a.close(), b.close()]);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      expect((await c.query('SELECT version FROM node_schema')).rows).toEqual([{ version: NODE_SCHEMA_VERSION }]);
      expect((await c.query("SELECT data_type FROM information_schema.columns WHERE table_name = 'submissions' AND column_name = 'id'")).rows[0].data_type).toBe('bytea');
      await c.query('UPDATE node_schema SET version = version + 1');
    } finally {
      await c.end();
    }
    await expect(openPostgresNodeStore(url)).rejects.toThrow(/written by a newer Tagger node .*the database was not changed/);
  });

  it('upgrades a schema-5 database to integer micro-TAG exactly, like the SQLite store', async () => {
    const url = await cluster.createDatabase();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      for (const m of NODE_MIGRATIONS.filter((x) => x.version <= 5)) await c.query(postgresSql(m));
      await c.query('CREATE TABLE node_schema (version INTEGER NOT NULL); INSERT INTO node_schema VALUES (5)');
      await c.query(schema5MoneyRows(true));
    } finally {
      await c.end();
    }
    const store = await openPostgresNodeStore(url);
    try {
      await expectExactMoney(store);
    } finally {
      await store.close();
    }
  });
});
