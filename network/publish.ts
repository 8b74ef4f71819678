// A requester's side of publishing: hash local files, sign the project manifest with the requester's wallet,
// publish it (the node escrows the budget), then upload the bytes the manifest names. Used by
// `tagger node-publish`, the tests and the demos.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AssetKind } from '../shared/domain.ts';
import { formatTag, microToTag, requiredBudgetMicro, tagToMicro } from '../shared/microTag.ts';
import { projectAssetsHash, projectDetailsHash, projectDigest, randomNonce, type ManifestAsset, type ProjectRequirements } from '../shared/signing/requests.ts';
import type { ProjectMessage, TaggerDomain } from '../shared/signing/typedData.ts';

const TYPES: Record<string, [AssetKind, string]> = {
  '.png': ['image', 'image/png'], '.jpg': ['image', 'image/jpeg'], '.jpeg': ['image', 'image/jpeg'], '.webp': ['image', 'image/webp'],
  '.gif': ['image', 'image/gif'], '.bmp': ['image', 'image/bmp'], '.tif': ['image', 'image/tiff'], '.tiff': ['image', 'image/tiff'],
  '.wav': ['audio', 'audio/wav'], '.mp3': ['audio', 'audio/mpeg'], '.flac': ['audio', 'audio/flac'], '.ogg': ['audio', 'audio/ogg'],
  '.opus': ['audio', 'audio/ogg'], '.m4a': ['audio', 'audio/mp4'],
  '.txt': ['text', 'text/plain'], '.md': ['text', 'text/markdown'], '.json': ['text', 'application/json'], '.jsonl': ['text', 'application/jsonl'],
};

/** Signs a 32-byte digest (0x-hex) with the requester's key: an ethers Wallet's signingKey.sign, or the core's signer. */
export interface RequesterSigner { address: string; signDigest(digest: string): string }

/** An ethers wallet as a RequesterSigner. */
export const walletSigner = (w: { address: string; signingKey: { sign(d: string): { serialized: string } } }): RequesterSigner => ({ address: w.address, signDigest: (d) => w.signingKey.sign(d).serialized });

export interface PublishOptions {
  node: string;
  name: string;
  redundancy: number;
  baseReward: number;
  requester: RequesterSigner;
  /** Default: exactly what every slot costs, redundancy × Σ(baseReward × difficulty). */
  budget?: number;
  instructions?: string;
  schema?: unknown;
  requirements?: ProjectRequirements;
  minReputation?: number;
  leaseSeconds?: number;
  /** Called per uploaded file (for progress output). */
  onFile?: (name: string, done: number, total: number) => void;
}

export interface LocalAsset { file: string; sha256: string; size: number; kind: AssetKind; mime: string; name: string }

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
    const bytes = fs.readFileSync(file);
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    assets.push({ file, sha256, size: bytes.length, kind: t[0], mime: t[1], name: path.basename(file) });
  }
  return { assets, skipped };
}

async function call(url: string, init: RequestInit): Promise<unknown> {
  const res = await fetch(url, init);
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} failed (${res.status}): ${body?.error?.message ?? res.statusText}`);
  return body;
}

/** TAG amount as the decimal string a manifest signs (no exponent, at most 6 decimals: whole micro-TAG). */
export function amountString(n: number): string {
  const micro = tagToMicro(n);
  if (microToTag(micro) !== n) throw new Error(`${n} TAG has more than 6 decimals; amounts are whole micro-TAG (0.000001 TAG)`);
  return formatTag(micro);
}

/** The signed publish request for these assets (what POST /v1/projects takes). */
export function signedManifest(domain: TaggerDomain, assets: ManifestAsset[], opts: Omit<PublishOptions, 'node' | 'onFile'>, now = Date.now()) {
  const schema = (opts.schema ?? {}) as Record<string, unknown>;
  const instructions = opts.instructions ?? '';
  const requirements = opts.requirements ?? {};
  const budget = opts.budget === undefined ? formatTag(requiredBudgetMicro(opts.redundancy, tagToMicro(opts.baseReward), assets)) : amountString(opts.budget);
  const manifest: ProjectMessage = {
    name: opts.name,
    requester: opts.requester.address,
    detailsHash: projectDetailsHash({ schema, instructions, requirements }),
    assetsHash: projectAssetsHash(assets),
    assetCount: assets.length,
    redundancy: opts.redundancy,
    baseReward: amountString(opts.baseReward),
    budget,
    minReputation: String(opts.minReputation ?? 0),
    leaseSeconds: Math.round(opts.leaseSeconds ?? 1800),
    nonce: randomNonce(),
    expiresAt: String(now + 10 * 60_000),
  };
  return { manifest, signature: opts.requester.signDigest(projectDigest(domain, manifest)), schema, instructions, requirements, assets };
}

export async function publishFiles(paths: string[], opts: PublishOptions): Promise<{ projectId: string; tasks: number; budget: number; skipped: string[] }> {
  const { assets, skipped } = collectAssets(paths);
  if (!assets.length) throw new Error(`no image, audio or text files found in ${paths.join(', ')}`);
  const base = opts.node.replace(/\/+$/, '');
  const info = (await call(`${base}/v1/info`, { method: 'GET' })) as { domain: TaggerDomain };
  const body = signedManifest(info.domain, assets.map((a) => ({ sha256: a.sha256, size: a.size, kind: a.kind, mime: a.mime, name: a.name, difficulty: 1 })), opts);
  const r = (await call(`${base}/v1/projects`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })) as { projectId: string; tasks: number; budget: number };
  let done = 0;
  for (const a of assets) {
    await call(`${base}/v1/assets/${a.sha256}`, { method: 'PUT', headers: { 'Content-Type': 'application/octet-stream' }, body: fs.readFileSync(a.file) });
    opts.onFile?.(a.name, ++done, assets.length);
  }
  return { ...r, skipped };
}
