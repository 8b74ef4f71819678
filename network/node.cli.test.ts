// The command lines a data provider and an operator use: `tagger node-publish` and `tagger node` arguments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Wallet } from 'ethers';
import { ROOT, startNodeProcess, tempDir, type NodeProcess } from './testing/nodeProcess.ts';
import { api } from './testing/signing.ts';

const run = promisify(execFile);
const tagger = (...args: string[]) => run(process.execPath, [path.join(ROOT, 'bin/tagger.js'), ...args], { cwd: ROOT }).then(
  (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
  (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));

let node: NodeProcess;
beforeAll(async () => {
  node = await startNodeProcess();
}, 60_000); // a node process starts slowly on a busy machine
afterAll(async () => node?.stop(), 30_000);

describe('tagger node-publish', () => {
  it('uploads a folder, publishes one task per image/audio/text file and skips the rest', async () => {
    const dir = tempDir('tagger-publish-');
    fs.writeFileSync(path.join(dir, 'a.txt'), 'first text');
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'sub', 'b.md'), '# second');
    fs.writeFileSync(path.join(dir, 'notes.xyz'), 'not an asset');
    const r = await tagger('node-publish', '--node', node.url, '--name', 'From CLI', '--redundancy', '2', '--base-reward', '0.5', dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Published project p_[0-9a-f]+ with 2 tasks$/m);
    expect(r.stderr).toMatch(/skipped .*notes\.xyz/);
    const leases = (await api(`${node.url}/v1/leases`, 'POST', { annotator: Wallet.createRandom().address, kinds: ['text'], max: 10 })).body.leases;
    expect(leases.map((l: { asset: { name: string } }) => l.asset.name).sort()).toEqual(['a.txt', 'b.md']);
    expect(leases[0]).toMatchObject({ baseReward: 0.5, project: { name: 'From CLI' } });
  }, 60_000);

  it('says what is wrong with its arguments', async () => {
    const noName = await tagger('node-publish', '--node', node.url, tempDir());
    expect(noName.code).not.toBe(0);
    expect(noName.stderr).toMatch(/--name is required/);
    const badK = await tagger('node-publish', '--node', node.url, '--name', 'x', '--redundancy', '0', tempDir());
    expect(badK.stderr).toMatch(/--redundancy must be a whole number from 1 to 100/);
    const empty = await tagger('node-publish', '--node', node.url, '--name', 'x', tempDir());
    expect(empty.stderr).toMatch(/no image, audio or text files found/);
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
