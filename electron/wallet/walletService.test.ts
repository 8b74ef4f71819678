import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Wallet, encryptKeystoreJson } from 'ethers';
import { createCore, type Core } from '../core/createCore.ts';

const cores: Core[] = [];
let clock = 1_700_000_000_000;

function open(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-wallet-'))) {
  const core = createCore({ dataDir: dir, now: () => clock, network: { scryptN: 1024 } });
  cores.push(core);
  return { core, dir, wallet: core.network.wallet };
}

afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
});

describe('WalletService', () => {
  it('creates a wallet only after the user types back the asked words, then keeps just an owner-only keystore', async () => {
    const { wallet, dir } = open();
    const created = wallet.create('correct horse battery');
    expect(created.phrase.split(' ')).toHaveLength(12);
    expect(created.confirmIndices).toHaveLength(3);
    expect(wallet.status().exists).toBe(false);
    const words = created.phrase.split(' ');
    await expect(wallet.confirmCreate(created.pendingId, created.confirmIndices.map((i) => ({ index: i, word: 'wrong' })))).rejects.toThrow(/does not match/);
    expect(fs.existsSync(path.join(dir, 'wallet', 'keystore.json'))).toBe(false);
    const st = await wallet.confirmCreate(created.pendingId, created.confirmIndices.map((i) => ({ index: i, word: ` ${words[i].toUpperCase()} ` })));
    expect(st).toMatchObject({ exists: true, unlocked: true, address: created.address, idleLockMinutes: 15 });
    const file = path.join(dir, 'wallet', 'keystore.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain(words[0] + ' ' + words[1]);
    const ks = JSON.parse(text);
    expect((ks.Crypto ?? ks.crypto).kdf).toBe('scrypt');
    // The only copy of the key is in the keystore: no plaintext key anywhere in the data directory's database.
    const pk = Wallet.fromPhrase(created.phrase).privateKey.slice(2);
    expect(fs.readFileSync(path.join(dir, 'tagger.sqlite')).toString('latin1')).not.toContain(pk);
  });

  it('unlocks with the right password, refuses a wrong one clearly, and locks on demand', async () => {
    const { wallet } = open();
    await wallet.import({ kind: 'privateKey', privateKey: '0x' + '11'.repeat(32), password: 'pass-word-1' });
    wallet.lock();
    expect(wallet.status()).toMatchObject({ unlocked: false, address: new Wallet('0x' + '11'.repeat(32)).address });
    expect(() => wallet.signer()).toThrow(/locked/);
    await expect(wallet.unlock('pass-word-2')).rejects.toThrow(/Wrong password: the wallet stays locked/);
    expect(wallet.status().unlocked).toBe(false);
    expect((await wallet.unlock('pass-word-1')).unlocked).toBe(true);
    expect(wallet.signer().address).toBe(new Wallet('0x' + '11'.repeat(32)).address);
  });

  it('locks by itself after the idle time', async () => {
    const { wallet } = open();
    await wallet.import({ kind: 'privateKey', privateKey: '22'.repeat(32), password: 'pass-word-1' });
    wallet.setIdleLock(5);
    clock += 4 * 60_000;
    wallet.signer(); // use restarts the idle clock
    clock += 4 * 60_000;
    expect(wallet.status().unlocked).toBe(true);
    clock += 61_000;
    expect(wallet.status().unlocked).toBe(false);
    expect(() => wallet.signer()).toThrow(/locked/);
  });

  it('imports from a recovery phrase and from another tool\u2019s keystore, and refuses to overwrite silently', async () => {
    const { wallet, dir } = open();
    const phrase = 'test test test test test test test test test test test junk';
    const st = await wallet.import({ kind: 'phrase', phrase: `  ${phrase.toUpperCase()} `, password: 'pass-word-1' });
    expect(st.address).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
    await expect(wallet.import({ kind: 'phrase', phrase: 'test test test test test test test test test test test test', password: 'pass-word-1', replace: true })).rejects.toThrow(/not valid/);
    const other = Wallet.createRandom();
    const json = await encryptKeystoreJson({ address: other.address, privateKey: other.privateKey }, 'their-pass', { scrypt: { N: 1024 } });
    await expect(wallet.import({ kind: 'keystore', json, keystorePassword: 'their-pass' })).rejects.toThrow(/already exists/);
    await expect(wallet.import({ kind: 'keystore', json, keystorePassword: 'nope', replace: true })).rejects.toThrow(/Wrong password for that keystore/);
    const st2 = await wallet.import({ kind: 'keystore', json, keystorePassword: 'their-pass', password: 'my-new-pass', replace: true });
    expect(st2.address).toBe(other.address);
    // the replaced wallet is kept, not deleted
    expect(fs.readdirSync(path.join(dir, 'wallet')).filter((f) => f.startsWith('keystore-replaced-'))).toHaveLength(1);
    wallet.lock();
    await expect(wallet.unlock('their-pass')).rejects.toThrow(/Wrong password/);
    expect((await wallet.unlock('my-new-pass')).address).toBe(other.address);
  });

  it('names a damaged keystore file and says what to do, without touching it', async () => {
    const { wallet, dir, core } = open();
    await wallet.import({ kind: 'privateKey', privateKey: '33'.repeat(32), password: 'pass-word-1' });
    wallet.lock();
    const file = path.join(dir, 'wallet', 'keystore.json');
    fs.writeFileSync(file, '{"address":"12", "crypto": {"cipher": "aes-128-ctr"'); // truncated by a crash elsewhere
    await expect(wallet.unlock('pass-word-1')).rejects.toThrow(new RegExp(`keystore ${file.replace(/[/.]/g, '\\$&')} is damaged.*recovery phrase`));
    expect(wallet.status()).toMatchObject({ exists: true, unlocked: false, address: null });
    // The contract reports it as an error value, not a crash.
    const r = await core.dispatch('wallet.unlock', ['pass-word-1']);
    expect(r).toMatchObject({ ok: false, error: { code: 'corrupt' } });
    expect(fs.readFileSync(file, 'utf8')).toContain('aes-128-ctr');
  });

  it('validates every argument at the contract', async () => {
    const { core } = open();
    expect(await core.dispatch('wallet.create', ['short'])).toMatchObject({ ok: false, error: { code: 'invalid_argument', message: expect.stringMatching(/at least 8/) } });
    expect(await core.dispatch('wallet.create', ['x'.repeat(2000)])).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(await core.dispatch('wallet.import', [{ kind: 'privateKey', privateKey: 'zz', password: 'pass-word-1' }])).toMatchObject({ ok: false, error: { message: expect.stringMatching(/64 hex digits/) } });
    expect(await core.dispatch('wallet.import', [{ kind: 'keystore', json: 'x'.repeat(70_000), keystorePassword: 'a' }])).toMatchObject({ ok: false });
    expect(await core.dispatch('wallet.confirmCreate', ['../../etc', []])).toMatchObject({ ok: false });
    const st = await core.dispatch('wallet.status', []);
    expect(st).toMatchObject({ ok: true, value: { exists: false, unlocked: false, address: null } });
  });

  it('refuses a keystore that asks for an absurd key-derivation cost before trying it', async () => {
    const { wallet } = open();
    const other = Wallet.createRandom();
    const json = JSON.parse(await encryptKeystoreJson({ address: other.address, privateKey: other.privateKey }, 'their-pass', { scrypt: { N: 1024 } }));
    (json.Crypto ?? json.crypto).kdfparams.n = 2 ** 30;
    const t0 = Date.now();
    await expect(wallet.import({ kind: 'keystore', json: JSON.stringify(json), keystorePassword: 'their-pass' })).rejects.toThrow(/unusually high key-derivation cost/);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('never hands a private key to the page: every wallet answer over the contract is free of it', async () => {
    const { core } = open();
    const answers: unknown[] = [];
    const call = async (path: string, args: unknown[]) => {
      const r = await core.dispatch(path, args);
      answers.push(r);
      return r as { ok: boolean; value: any };
    };
    const created = (await call('wallet.create', ['pass-word-1'])).value;
    const words = created.phrase.split(' ');
    await call('wallet.confirmCreate', [created.pendingId, created.confirmIndices.map((i: number) => ({ index: i, word: words[i] }))]);
    await call('wallet.lock', []);
    await call('wallet.unlock', ['pass-word-1']);
    await call('wallet.status', []);
    await call('submissions.rewards', []);
    const key = Wallet.fromPhrase(created.phrase).privateKey.slice(2).toLowerCase();
    const text = JSON.stringify(answers).toLowerCase();
    expect(text).not.toContain(key);
    // the phrase crossed exactly once, in create's answer
    expect(text.split(words.slice(0, 4).join(' ')).length - 1).toBe(1);
  });
});
