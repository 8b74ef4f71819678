// The attacks from issue 17, each against a real node process: nobody mints rewards, leases in another's name,
// locks others out, fills the disk with unrequested assets, or ties the node up; every refusal has a reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Wallet } from 'ethers';
import { DEFAULT_DOMAIN } from '../shared/signing/typedData.ts';
import { publishFiles, signedManifest, walletSigner } from './publish.ts';
import { stakeWallets, startNodeProcess, tempDir, type NodeProcess } from './testing/nodeProcess.ts';
import { api, leaseAs, signLeaseRequest, signSubmission, testRequester } from './testing/signing.ts';

let node: NodeProcess;
const PER_PROJECT_CAP = 5;

beforeAll(async () => {
  node = await startNodeProcess({ args: ['--body-timeout', '1', '--max-connections', '12', '--max-leases-per-project', String(PER_PROJECT_CAP)] });
}, 60_000);
afterAll(async () => node?.stop(), 30_000);

function files(n: number, tag: string): string {
  const dir = tempDir('tagger-attack-');
  for (let i = 0; i < n; i++) fs.writeFileSync(path.join(dir, `${tag}-${i}.txt`), `${tag} ${i} ${Math.random()}\n`);
  return dir;
}

/** Raw HTTP on one socket: what a hostile client can send that fetch would not. Resolves with what came back. */
function raw(head: string, body: string | Buffer = '', opts: { closeAfterMs?: number } = {}): Promise<string> {
  const { port } = new URL(node.url);
  return new Promise((resolve) => {
    const s = net.connect(Number(port), '127.0.0.1', () => {
      s.write(head);
      if (body.length) s.write(body);
      if (opts.closeAfterMs !== undefined) setTimeout(() => s.destroy(), opts.closeAfterMs);
    });
    let got = '';
    s.on('data', (d) => (got += d));
    s.on('error', () => resolve(got));
    s.on('close', () => resolve(got));
  });
}

const domainOf = async () => (await api(`${node.url}/v1/info`)).body.domain;

describe('attacks on a node', () => {
  it('nobody mints rewards: an unsigned, unfunded, forged or underfunded project is refused, and rewards never exceed the budget', async () => {
    const a = { sha256: 'f'.repeat(64), size: 5, kind: 'text' as const, mime: 'text/plain', name: 'x.txt', difficulty: 1000 };
    const unsigned = await api(`${node.url}/v1/projects`, 'POST', { name: 'Mint', redundancy: 3, baseReward: 1e12, assets: [a] });
    expect(unsigned.status).toBe(400);
    expect(unsigned.body.error.message).toMatch(/manifest/);
    const domain = await domainOf();
    const broke = walletSigner(Wallet.createRandom());
    // amounts the ledger cannot keep exactly are refused before anything is looked up
    const dust = signedManifest(domain, [a], { name: 'Mint', redundancy: 3, baseReward: 1, requester: broke });
    const huge = await api(`${node.url}/v1/projects`, 'POST', { ...dust, manifest: { ...dust.manifest, baseReward: '1000000000000' } });
    expect(huge.status).toBe(400);
    expect(huge.body.error.message).toMatch(/manifest.baseReward: 1000000000000 TAG is more than this node handles/);
    const fine = await api(`${node.url}/v1/projects`, 'POST', { ...dust, manifest: { ...dust.manifest, baseReward: '0.0000001' } });
    expect(fine.status).toBe(400);
    expect(fine.body.error.message).toMatch(/manifest.baseReward: 0.0000001 TAG has more than 6 decimals/);
    const unfunded = await api(`${node.url}/v1/projects`, 'POST', signedManifest(domain, [a], { name: 'Mint', redundancy: 3, baseReward: 1e5, requester: broke }));
    expect(unfunded.status).toBe(402);
    expect(unfunded.body.error.message).toMatch(/has 0 TAG, the project's budget is 300000000 TAG/);
    const forged = signedManifest(domain, [a], { name: 'Mint', redundancy: 3, baseReward: 1e5, requester: { address: testRequester.address, signDigest: broke.signDigest } });
    const f = await api(`${node.url}/v1/projects`, 'POST', forged);
    expect(f.status).toBe(401);
    expect(f.body.error.message).toMatch(/not signed by its requester: the signature recovers to 0x/);
    const short = await api(`${node.url}/v1/projects`, 'POST', signedManifest(domain, [a], { name: 'Mint', redundancy: 3, baseReward: 1, budget: 100, requester: testRequester }));
    expect(short.status).toBe(400);
    expect(short.body.error.message).toMatch(/budget of 100 TAG does not cover .* = 3000 TAG/);
    const tampered = signedManifest(domain, [a], { name: 'Mint', redundancy: 1, baseReward: 1, requester: testRequester });
    const t = await api(`${node.url}/v1/projects`, 'POST', { ...tampered, assets: [{ ...a, difficulty: 1 }] });
    expect(t.status).toBe(400);
    expect(t.body.error.message).toMatch(/assetsHash does not match/);
    // a funded project pays three throwaway wallets from its budget and not a token more
    const { projectId, budget } = await publishFiles([files(2, 'mint')], { requester: testRequester, node: node.url, name: 'Funded', redundancy: 3, baseReward: 2 });
    expect(budget).toBe(12);
    let paid = 0;
    const throwaway = Array.from({ length: 4 }, () => Wallet.createRandom());
    // rounds: a fresh wallet leases one task per project (newcomer), and more once its work was accepted
    for (let round = 0; round < 3; round++) {
      for (const [i, w] of throwaway.entries()) {
        const leases = (await leaseAs(node.url, w, ['text'], 10)).body.leases.filter((l) => l.projectId === projectId);
        const r = await api(`${node.url}/v1/submissions`, 'POST', { items: leases.map((l, k) => signSubmission(w, DEFAULT_DOMAIN, l, { nonce: 100 * round + 10 * i + k + 1, document: { taskId: l.taskId, objects: [] } })) });
        for (const x of r.body.results ?? []) if (x.status === 'accepted') paid += x.reward;
      }
    }
    expect(paid).toBe(12);
  });

  it('nobody leases in another\'s name or locks a real annotator out', async () => {
    const { projectId } = await publishFiles([files(PER_PROJECT_CAP + 3, 'lock')], { requester: testRequester, node: node.url, name: 'Lockout', redundancy: 2, baseReward: 1 });
    const victim = Wallet.createRandom();
    const unsigned = await api(`${node.url}/v1/leases`, 'POST', { annotator: victim.address, kinds: ['text'], max: 1000 });
    expect(unsigned.status).toBe(400);
    const inVictimsName = signLeaseRequest(Wallet.createRandom(), DEFAULT_DOMAIN, { kinds: ['text'], max: 1000 });
    inVictimsName.message.annotator = victim.address;
    const forged = await api(`${node.url}/v1/leases`, 'POST', inVictimsName);
    expect(forged.status).toBe(401);
    expect(forged.body.error.message).toMatch(/not signed by its annotator/);
    // two attackers with fresh wallets asking for everything get one lease each (newcomers), not every slot
    for (const attacker of [Wallet.createRandom(), Wallet.createRandom()]) {
      const r = await leaseAs(node.url, attacker, ['text'], 1000);
      expect(r.body.leases.filter((l) => l.projectId === projectId)).toHaveLength(1);
      expect(r.body.limitedBy).toMatch(/no accepted work on this node yet, so you may hold 1 open lease\(s\) per project/);
    }
    const signed = signLeaseRequest(victim, DEFAULT_DOMAIN, { kinds: ['text'], max: 1000 });
    const mine = await api(`${node.url}/v1/leases`, 'POST', signed);
    expect(mine.body.leases.filter((l: { projectId: string }) => l.projectId === projectId).length).toBeGreaterThan(0);
    // a captured request cannot be replayed, nor one that expired
    const replay = await api(`${node.url}/v1/leases`, 'POST', signed);
    expect(replay.status).toBe(409);
    expect(replay.body.error.message).toMatch(/already used/);
    const stale = await api(`${node.url}/v1/leases`, 'POST', signLeaseRequest(victim, DEFAULT_DOMAIN, { kinds: ['text'], max: 1, expiresAt: Date.now() - 1000 }));
    expect(stale.status).toBe(400);
    expect(stale.body.error.message).toMatch(/the lease request expired at .*sign a new one/);
  });

  it('an expired lease blocks nobody, and late work never displaces a live lease holder (with the right reason)', async () => {
    const { projectId } = await publishFiles([files(1, 'expiry')], { requester: testRequester, node: node.url, name: 'Expiry', redundancy: 1, baseReward: 4, leaseSeconds: 1 });
    const [a, b] = [Wallet.createRandom(), Wallet.createRandom()];
    const [la] = (await leaseAs(node.url, a, ['text'])).body.leases.filter((l) => l.projectId === projectId);
    await new Promise((r) => setTimeout(r, 1200));
    const [lb] = (await leaseAs(node.url, b, ['text'])).body.leases.filter((l) => l.projectId === projectId);
    expect(lb.taskId).toBe(la.taskId);
    const late = await api(`${node.url}/v1/submissions`, 'POST', { items: [signSubmission(a, DEFAULT_DOMAIN, la, { nonce: 1 })] });
    expect(late.body.results[0].reason).toMatch(/your lease expired at .* held by other annotators' live leases; late work does not displace them/);
    const live = await api(`${node.url}/v1/submissions`, 'POST', { items: [signSubmission(b, DEFAULT_DOMAIN, lb, { nonce: 1 })] });
    expect(live.body.results[0]).toMatchObject({ status: 'accepted', reward: 4 });
    // after its own lease expired, a can lease again elsewhere: its old row blocks nobody, not even a
    const { projectId: p2 } = await publishFiles([files(1, 'again')], { requester: testRequester, node: node.url, name: 'Again', redundancy: 1, baseReward: 1, leaseSeconds: 1 });
    const [first] = (await leaseAs(node.url, a, ['text'])).body.leases.filter((l) => l.projectId === p2);
    await new Promise((r) => setTimeout(r, 1200));
    const [again] = (await leaseAs(node.url, a, ['text'])).body.leases.filter((l) => l.projectId === p2);
    expect(again.taskId).toBe(first.taskId);
  });

  it('stores asset bytes only for a published manifest that names their hash and size', async () => {
    const bytes = crypto.randomBytes(64);
    const sha = crypto.createHash('sha256').update(bytes).digest('hex');
    const stray = await fetch(`${node.url}/v1/assets/${sha}`, { method: 'PUT', body: bytes });
    expect(stray.status).toBe(403);
    expect((await stray.json()).error.message).toMatch(/no published project names asset .*publish the signed manifest/);
    const domain = await domainOf();
    await api(`${node.url}/v1/projects`, 'POST', signedManifest(domain, [{ sha256: sha, size: 32, kind: 'text', mime: 'text/plain', name: 'a.txt', difficulty: 1 }], { name: 'Sized', redundancy: 1, baseReward: 1, requester: testRequester }));
    const big = await fetch(`${node.url}/v1/assets/${sha}`, { method: 'PUT', body: bytes });
    expect(big.status).toBe(413);
    expect((await big.json()).error.message).toMatch(/names asset .* as 32 bytes; this upload is 64 bytes/);
    expect(fs.existsSync(path.join(node.dataDir, 'assets', sha.slice(0, 2), sha))).toBe(false);
  });

  it('answers every limit with a 4xx and a reason, cuts slow bodies, caps connections and logs an abort as one line', async () => {
    const escape = await raw('GET /v1/rewards/%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(escape).toMatch(/^HTTP\/1.1 400 .*"code":"bad_escape".*malformed percent-escape/s);
    const big = await fetch(`${node.url}/v1/submissions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: `{"items":["${'x'.repeat(20 * 1024 * 1024)}"]}` });
    expect(big.status).toBe(413);
    expect((await big.json()).error.message).toMatch(/over the limit of 16777216 bytes/);
    const deep = await api(`${node.url}/v1/leases`, 'POST', '['.repeat(5000) + ']'.repeat(5000));
    expect(deep.status).toBe(400);
    expect(deep.body.error).toMatchObject({ code: 'too_deep' });
    const xml = await fetch(`${node.url}/v1/leases`, { method: 'POST', headers: { 'Content-Type': 'application/xml' }, body: '<a/>' });
    expect(xml.status).toBe(415);
    const gz = await fetch(`${node.url}/v1/leases`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, body: '{}' });
    expect(gz.status).toBe(415);
    expect((await gz.json()).error.message).toMatch(/Content-Encoding gzip/);
    // a body that trickles in is cut after --body-timeout (1 s here) with a 408, not held for minutes
    const t0 = Date.now();
    const slow = await raw('POST /v1/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n', '{"items":');
    expect(slow).toMatch(/^HTTP\/1.1 408 .*did not arrive within 1 s/s);
    expect(Date.now() - t0).toBeLessThan(8000);
    // more open connections than --max-connections are answered 503 with a reason
    const idle = await Promise.all(Array.from({ length: 12 }, () => new Promise<net.Socket>((r) => { const s = net.connect(Number(new URL(node.url).port), '127.0.0.1', () => r(s)); })));
    await new Promise((r) => setTimeout(r, 200));
    const over = await raw('GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n');
    for (const s of idle) s.destroy();
    expect(over).toMatch(/^HTTP\/1.1 503 .*"too_many_connections".*12 open connections/s);
    // a client that gives up mid-body costs one line in the log, not a 500 with a stack
    const before = node.stderr().length;
    await raw('POST /v1/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n', '{"items":[', { closeAfterMs: 100 });
    await new Promise((r) => setTimeout(r, 300));
    const log = node.stderr().slice(before).trim().split('\n').filter(Boolean);
    expect(log).toEqual([expect.stringMatching(/^node: POST \/v1\/submissions: the client went away before the answer/)]);
    expect((await api(`${node.url}/v1/health`)).body).toEqual({ ok: true });
  });

  it('fresh wallets racing cannot take every slot: an annotator with accepted work still finds leases, and a project asking for stake refuses wallets without it', async () => {
    // an annotator whose work this node accepted earlier
    const real = Wallet.createRandom();
    const { projectId: warmup } = await publishFiles([files(1, 'warmup')], { requester: testRequester, node: node.url, name: 'Warmup', redundancy: 1, baseReward: 1 });
    const [w] = (await leaseAs(node.url, real, ['text'])).body.leases.filter((l) => l.projectId === warmup);
    expect((await api(`${node.url}/v1/submissions`, 'POST', { items: [signSubmission(real, DEFAULT_DOMAIN, w, { nonce: 1 })] })).body.results[0].status).toBe('accepted');
    // a small project: 4 tasks × redundancy 2 = 8 slots; 10 fresh wallets ask for everything at once (last: they leave
    // keep-alive connections open, and the node here caps connections at 12)
    const { projectId } = await publishFiles([files(4, 'sybil')], { requester: testRequester, node: node.url, name: 'Small', redundancy: 2, baseReward: 1 });
    const sybils = Array.from({ length: 10 }, () => Wallet.createRandom());
    const answers = await Promise.all(sybils.map((x) => leaseAs(node.url, x, ['text'], 1000)));
    const held = answers.map((r) => r.body.leases.filter((l) => l.projectId === projectId).length);
    expect(Math.max(...held)).toBe(1);
    expect(held.reduce((n, x) => n + x, 0)).toBe(4); // newcomers together: half of the 8 open slots
    expect(answers.some((r) => /together hold their share/.test(r.body.limitedBy ?? ''))).toBe(true);
    const mine = (await leaseAs(node.url, real, ['text'], 1000)).body.leases.filter((l) => l.projectId === projectId);
    expect(mine.length).toBeGreaterThan(0);
    // a project that asks for 25 TAG of stake: refused with the reason until the wallet has it
    const staked = await publishFiles([files(2, 'staked')], { requester: testRequester, node: node.url, name: 'Staked', redundancy: 1, baseReward: 1, requirements: { minStake: '25' } });
    const imageless = Wallet.createRandom();
    const refused = await leaseAs(node.url, imageless, ['text'], 10);
    expect(refused.status).toBe(403);
    expect((refused.body as unknown as { error: unknown }).error).toMatchObject({ code: 'stake_required', message: expect.stringMatching(new RegExp(`project ${staked.projectId} asks its annotators to have 25 TAG staked; ${imageless.address.toLowerCase()} has 0 TAG staked`)) });
    await stakeWallets({ dataDir: node.dataDir }, { [imageless.address.toLowerCase()]: 25 });
    expect((await leaseAs(node.url, imageless, ['text'], 10)).body.leases.map((l) => l.projectId)).toContain(staked.projectId);
  });
});
