// A throwaway PostgreSQL cluster for tests and the bench: initdb in a temporary directory, listening on 127.0.0.1
// and a free port, trust authentication, fsync off; one fresh database per caller. As root, initdb and the server
// run as the `postgres` user (PostgreSQL refuses to run as root). Finds initdb/pg_ctl on PATH, in /usr/local/bin,
// or under /usr/lib/postgresql/<version>/bin (Debian's postgresql package; .ci/run installs it).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './nodeProcess.ts';

export interface PostgresCluster {
  /** postgres://… of the cluster's default database. */
  url: string;
  /** A new, empty database; returns its URL. */
  createDatabase(name?: string): Promise<string>;
  stop(): Promise<void>;
}

function findBinary(name: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/local/bin'];
  try {
    for (const v of fs.readdirSync('/usr/lib/postgresql').sort().reverse()) dirs.push(path.join('/usr/lib/postgresql', v, 'bin'));
  } catch { /* not the Debian layout */ }
  for (const d of dirs) {
    const p = path.join(d, name);
    if (d && fs.existsSync(p)) return p;
  }
  return null;
}

/** Whether this machine can start a PostgreSQL cluster (initdb and pg_ctl found). */
export const postgresAvailable = (): boolean => !!findBinary('initdb') && !!findBinary('pg_ctl');

function run(bin: string, args: string[], as: { uid: number; gid: number } | null): void {
  const r = spawnSync(bin, args, { encoding: 'utf8', ...(as ?? {}), env: { ...process.env, LC_ALL: 'C' } });
  if (r.status !== 0) throw new Error(`${path.basename(bin)} ${args.join(' ')} failed (${r.status}): ${(r.stderr || r.stdout || r.error?.message || '').trim().slice(-2000)}`);
}

function postgresUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error('running as root, but there is no `postgres` user to run PostgreSQL as (install the postgresql package)');
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

export async function startPostgres(): Promise<PostgresCluster> {
  const initdb = findBinary('initdb');
  const pgCtl = findBinary('pg_ctl');
  if (!initdb || !pgCtl) throw new Error('PostgreSQL is not installed here (no initdb/pg_ctl on PATH, in /usr/local/bin or /usr/lib/postgresql/*/bin); install it with apt-get install postgresql');
  const as = postgresUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-pg-'));
  if (as) fs.chownSync(dir, as.uid, as.gid);
  const data = path.join(dir, 'data');
  run(initdb, ['-D', data, '-U', 'tagger', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions'], as);
  const port = await freePort();
  const opts = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=64MB`;
  run(pgCtl, ['-D', data, '-o', opts, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start'], as);
  const url = `postgres://tagger@127.0.0.1:${port}/postgres`;
  let n = 0;
  return {
    url,
    async createDatabase(name = `t${process.pid}_${++n}_${Date.now().toString(36)}`) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`CREATE DATABASE "${name}"`);
      } finally {
        await c.end();
      }
      return `postgres://tagger@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      try {
        run(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop'], as);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
