// A data provider's side of publishing: hash local files, upload them to a node and publish them as a project.
// Used by `tagger node-publish`, the tests and the demos.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AssetKind } from '../shared/domain.ts';

const TYPES: Record<string, [AssetKind, string]> = {
  '.png': ['image', 'image/png'], '.jpg': ['image', 'image/jpeg'], '.jpeg': ['image', 'image/jpeg'], '.webp': ['image', 'image/webp'],
  '.gif': ['image', 'image/gif'], '.bmp': ['image', 'image/bmp'], '.tif': ['image', 'image/tiff'], '.tiff': ['image', 'image/tiff'],
  '.wav': ['audio', 'audio/wav'], '.mp3': ['audio', 'audio/mpeg'], '.flac': ['audio', 'audio/flac'], '.ogg': ['audio', 'audio/ogg'],
  '.opus': ['audio', 'audio/ogg'], '.m4a': ['audio', 'audio/mp4'],
  '.txt': ['text', 'text/plain'], '.md': ['text', 'text/markdown'], '.json': ['text', 'application/json'], '.jsonl': ['text', 'application/jsonl'],
};

export interface PublishOptions {
  node: string;
  name: string;
  redundancy: number;
  baseReward: number;
  instructions?: string;
  schema?: unknown;
  minReputation?: number;
  leaseSeconds?: number;
  /** Called per uploaded file (for progress output). */
  onFile?: (name: string, done: number, total: number) => void;
}

export interface LocalAsset { file: string; sha256: string; kind: AssetKind; mime: string; name: string }

/** Files under `paths` (folders walked, sorted) that the node can serve, with their hashes. */
export function collectAssets(paths: string[]): { assets: LocalAsset[]; skipped: string[] } {
  const files: string[] = [];
  const walk = (p: string) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const e of fs.readdirSync(p).sort()) walk(path.join(p, e));
    else files.push(p);
  };
  for (const p of paths) {
    if (!fs.existsSync(p)) throw new Error(`${p} does not exist`);
    walk(p);
  }
  const assets: LocalAsset[] = [];
  const skipped: string[] = [];
  for (const file of files) {
    const t = TYPES[path.extname(file).toLowerCase()];
    if (!t) {
      skipped.push(file);
      continue;
    }
    const sha256 = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    assets.push({ file, sha256, kind: t[0], mime: t[1], name: path.basename(file) });
  }
  return { assets, skipped };
}

async function call(url: string, init: RequestInit): Promise<unknown> {
  const res = await fetch(url, init);
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} failed (${res.status}): ${body?.error?.message ?? res.statusText}`);
  return body;
}

export async function publishFiles(paths: string[], opts: PublishOptions): Promise<{ projectId: string; tasks: number; skipped: string[] }> {
  const { assets, skipped } = collectAssets(paths);
  if (!assets.length) throw new Error(`no image, audio or text files found in ${paths.join(', ')}`);
  const base = opts.node.replace(/\/+$/, '');
  let done = 0;
  for (const a of assets) {
    await call(`${base}/v1/assets/${a.sha256}`, { method: 'PUT', headers: { 'Content-Type': 'application/octet-stream' }, body: fs.readFileSync(a.file) });
    opts.onFile?.(a.name, ++done, assets.length);
  }
  const body = {
    name: opts.name, schema: opts.schema ?? {}, instructions: opts.instructions ?? '', redundancy: opts.redundancy, baseReward: opts.baseReward,
    ...(opts.minReputation !== undefined ? { minReputation: opts.minReputation } : {}),
    ...(opts.leaseSeconds !== undefined ? { leaseSeconds: opts.leaseSeconds } : {}),
    assets: assets.map((a) => ({ sha256: a.sha256, kind: a.kind, mime: a.mime, name: a.name })),
  };
  const r = (await call(`${base}/v1/projects`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })) as { projectId: string; tasks: number };
  return { ...r, skipped };
}
