// Starts anvil (the local EVM shipped by @foundry-rs/anvil on npm) on a free loopback port and stops it: used by
// the contract tests, the end-to-end test and `tagger chain-demo`. The binary comes from the platform package
// the wrapper depends on, so no install script or download is needed.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { HDNodeWallet, JsonRpcProvider, Wallet } from 'ethers';
import { providerFor } from './artifacts.ts';

const require = createRequire(import.meta.url);

/** anvil's well-known development mnemonic: its accounts are funded with ETH for gas. Never use it for real value. */
export const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk';

export interface Anvil {
  url: string;
  chainId: number;
  provider: JsonRpcProvider;
  /** A funded development account of anvil's mnemonic, connected to the provider. */
  account(index: number): Wallet;
  /** Moves the chain's clock (close and unstake delays). */
  increaseTime(seconds: number): Promise<void>;
  stop(): Promise<void>;
}

export function anvilBinary(): string {
  const pkg = `@foundry-rs/anvil-${process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}`;
  try {
    return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'bin', process.platform === 'win32' ? 'anvil.exe' : 'anvil');
  } catch {
    throw new Error(`anvil is not installed for ${process.platform}-${process.arch}: run npm ci (it installs ${pkg} with @foundry-rs/anvil)`);
  }
}

export async function startAnvil(opts: { chainId?: number; blockTime?: number; port?: number } = {}): Promise<Anvil> {
  const chainId = opts.chainId ?? 31337;
  const args = ['--host', '127.0.0.1', '--port', String(opts.port ?? 0), '--chain-id', String(chainId), '--mnemonic', ANVIL_MNEMONIC];
  if (opts.blockTime) args.push('--block-time', String(opts.blockTime));
  const proc = spawn(anvilBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stderr.on('data', (d) => (err += d));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`anvil did not start in 30 s:\n${err}`)), 30_000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /Listening on 127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
      if (out.length > 100_000) out = out.slice(-1000);
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`anvil exited with ${code}:\n${err}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const provider = providerFor(url, chainId);
  return {
    url,
    chainId,
    provider,
    account: (i) => new Wallet(HDNodeWallet.fromPhrase(ANVIL_MNEMONIC, undefined, `m/44'/60'/0'/0/${i}`).privateKey, provider),
    increaseTime: async (s) => {
      await provider.send('evm_increaseTime', [s]);
      await provider.send('evm_mine', []);
    },
    stop: async () => {
      provider.destroy();
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const hard = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(hard);
    },
  };
}
