// Test fixtures for the sync tests: a workstation core on a temporary data directory with an imported wallet,
// a node project of small text files, and an edit that gives a task something to submit.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../../core/createCore.ts';
import type { NetworkServices } from '../networkServices.ts';
import { testRequester } from '../../../network/testing/signing.ts';
import { publishFiles } from '../../../network/publish.ts';

export const TEST_KEY = '0x' + '5a'.repeat(32);
export const TEST_PASSWORD = 'pass-word-1';

export interface Workstation { core: Core; net: NetworkServices; dataDir: string; address: string; close(): Promise<void> }

export async function openWorkstation(opts: { dataDir?: string; nodeUrl: string; now?: () => number; key?: string; fetch?: typeof fetch }): Promise<Workstation> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-ws-'));
  const core = createCore({ dataDir, now: opts.now, fetch: opts.fetch, network: { scryptN: 1024 } });
  core.settings.set({ nodeUrl: opts.nodeUrl });
  const net = core.network;
  if (!net.wallet.status().exists) await net.wallet.import({ kind: 'privateKey', privateKey: opts.key ?? TEST_KEY, password: TEST_PASSWORD });
  else await net.wallet.unlock(TEST_PASSWORD);
  let closed: Promise<void> | null = null;
  return { core, net, dataDir, address: net.wallet.address()!, close: () => (closed ??= core.close()) };
}

/** Publishes `n` distinct text files as one project; returns its node project id. */
export async function publishTexts(nodeUrl: string, n: number, opts: { name?: string; redundancy?: number; baseReward?: number } = {}): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-pub-'));
  for (let i = 0; i < n; i++) fs.writeFileSync(path.join(dir, `doc-${String(i).padStart(5, '0')}.txt`), `Document ${i}: the quick brown fox ${Math.random()}\n`);
  const r = await publishFiles([dir], { requester: testRequester, node: nodeUrl, name: opts.name ?? 'News', redundancy: opts.redundancy ?? 2, baseReward: opts.baseReward ?? 2 });
  fs.rmSync(dir, { recursive: true, force: true });
  return r.projectId;
}

/** Labels a task's document so its content hash is its own. */
export function annotate(core: Core, taskId: string, label = 'greeting'): void {
  core.annotations.edit(taskId, { label: 'Label', ops: [{ op: 'put', object: { id: `o-${taskId}`, kind: 'doclabel', label, geometry: null, attributes: {}, origin: 'human', z: 1, hidden: false, locked: false } }] });
}

/** A local (not node) text task with unique content. */
export function localTask(core: Core, name = 'Local', text = 'hello world'): string {
  const project = core.projects.findByName(name) ?? core.projects.create({ name });
  const bytes = new TextEncoder().encode(`${text} ${Math.random()}`);
  const sha = core.media.putBytes(bytes);
  core.assets.insertIfMissing({ id: sha, kind: 'text', mime: 'text/plain', originalName: `${sha.slice(0, 6)}.txt`, size: bytes.length, width: null, height: null, durationMs: null, meta: {}, createdAt: 1 });
  return core.tasks.create(project.id, sha).id;
}

export function nodeTaskIds(core: Core): string[] {
  return (core.db.prepare('SELECT task_id FROM node_tasks ORDER BY rowid').pluck().all() as string[]);
}

export async function nodeRewards(nodeUrl: string, address: string): Promise<{ total: number; items: { submissionId: string; amount: number }[] }> {
  return (await (await fetch(`${nodeUrl}/v1/rewards/${address}`)).json()) as { total: number; items: { submissionId: string; amount: number }[] };
}

/** Points a workstation and everything it holds from a node at another URL for that node (a proxy in front of it). */
export function retarget(ws: Workstation, url: string): void {
  ws.core.settings.set({ nodeUrl: url });
  ws.core.db.prepare('UPDATE submissions SET node_url = ? WHERE node_url IS NOT NULL').run(url);
  ws.core.db.prepare('UPDATE node_tasks SET node_url = ?').run(url);
}
