// The command lines a data provider and an operator use: `tagger node-publish` and `tagger node` arguments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Wallet, encryptKeystoreJson } from 'ethers';
import { OPEN_TO_NEWCOMERS, ROOT, startNodeProcess, tempDir, type NodeProcess } from './testing/nodeProcess.ts';
import { api, leaseAs } from './testing/signing.ts';

const run = promisify(execFile);
const tagger = (...args: string[]) => taggerEnv({}, ...args);
const taggerEnv = (env: Record<string, string>, ...args: string[]) => run(process.execPath, [path.join(ROOT, 'bin/tagger.js'), ...args], { cwd: ROOT, env: { ...process.env, ...env } }).then(
  (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
  (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));

let node: NodeProcess;
beforeAll(async () => {
  node = await startNodeProcess({ args: OPEN_TO_NEWCOMERS });
}, 60_000); // a node process starts slowly on a busy machine
afterAll(async () => node?.stop(), 30_000);

describe('tagger node-publish', () => {
  it('signs the manifest with a keystore, spends the balance the operator credited, publishes one task per file and skips the rest', async () => {
    const requester = Wallet.createRandom();
    const keystore = path.join(tempDir('tagger-keystore-'), 'keystore.json');
    fs.writeFileSync(keystore, await encryptKeystoreJson({ address: requester.address, privateKey: requester.privateKey }, 'pw-1', { scrypt: { N: 1024 } }));
    const dir = tempDir('tagger-publish-');
    fs.writeFileSync(path.join(dir, 'a.txt'), 'first text');
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'sub', 'b.md'), '# second');
    fs.writeFileSync(path.join(dir, 'notes.xyz'), 'not an asset');
    const publish = () => taggerEnv({ TAGGER_WALLET_PASSWORD: 'pw-1' }, 'node-publish', '--node', node.url, '--keystore', keystore, '--name', 'From CLI', '--redundancy', '2', '--base-reward', '0.5', dir);
    const broke = await publish();
    expect(broke.code).not.toBe(0);
    expect(broke.stderr).toMatch(/has 0 TAG, the project's budget is 2 TAG; ask the node operator to credit the requester/);
    const credit = await tagger('node', 'requesters', 'credit', requester.address, '5', '--data', node.dataDir);
    expect(credit.stdout).toMatch(new RegExp(`Credited 5 TAG to ${requester.address}; its balance is 5 TAG`));
    const r = await publish();
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Published project p_[0-9a-f]+ with 2 tasks \\(budget 2 TAG from ${requester.address}\\)$`, 'm'));
    expect(r.stderr).toMatch(/skipped .*notes\.xyz/);
    expect((await api(`${node.url}/v1/requesters/${requester.address}`)).body.balance).toBe(3);
    const leases = (await leaseAs(node.url, Wallet.createRandom(), ['text'], 10)).body.leases;
    expect(leases.map((l: { asset: { name: string } }) => l.asset.name).sort()).toEqual(['a.txt', 'b.md']);
    expect(leases[0]).toMatchObject({ baseReward: 0.5, project: { name: 'From CLI' } });
  }, 60_000);

  it('says what is wrong with its arguments', async () => {
    const noName = await tagger('node-publish', '--node', node.url, tempDir());
    expect(noName.code).not.toBe(0);
    expect(noName.stderr).toMatch(/--name is required/);
    const badK = await tagger('node-publish', '--node', node.url, '--name', 'x', '--redundancy', '0', tempDir());
    expect(badK.stderr).toMatch(/--redundancy must be a whole number from 1 to 100/);
    const noWallet = await tagger('node-publish', '--node', node.url, '--name', 'x', '--data', tempDir(), tempDir());
    expect(noWallet.stderr).toMatch(/no wallet keystore at .*--keystore FILE/);
    const help = await tagger('node', '--help');
    expect(help.stdout).toMatch(/tagger node requesters credit ADDRESS AMOUNT/);
  }, 90_000); // three CLI starts (tsx compiles the CLI each time)

  it('tagger node exits with a reason when its port is taken or its store is not a database', async () => {
    const port = new URL(node.url).port;
    const taken = await tagger('node', '--data', tempDir(), '--port', port);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(new RegExp(`port ${port} is in use; choose another with --port`));
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'node.sqlite'), 'not a database at all, just text');
    const bad = await tagger('node', '--data', dir, '--port', '0');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/node\.sqlite is damaged or not a node store .*it was not changed/);
    expect(fs.readFileSync(path.join(dir, 'node.sqlite'), 'utf8')).toBe('not a database at all, just text');
  }, 90_000);

  it('tagger node refuses a bad port with a reason', async () => {
    const r = await tagger('node', '--data', tempDir(), '--port', 'abc');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--port must be a whole number from 0 to 65535/);
  }, 60_000);
});
