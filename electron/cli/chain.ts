// `tagger chain-demo` runs a local demo chain (anvil) with the contracts deployed, and `tagger escrow-deposit`
// funds a project's escrow: together with `tagger node --rpc ...` they make the "Rewards on chain" demo.
import fs from 'node:fs';
import path from 'node:path';
import { parseUnits, Wallet } from 'ethers';
import type { CliCommand } from './command.ts';
import { TaggerError } from '../../shared/errors.ts';
import { startAnvil } from '../../contracts/anvil.ts';
import { deployDemo } from '../../contracts/demo.ts';
import { connectContracts, providerFor, withDeadline } from '../../contracts/artifacts.ts';
import { readAddresses, readOperatorKey, describeChainError } from '../../network/chain/operator.ts';
import { projectKey, unitsToTag } from '../../shared/chain/rules.ts';

const address = /^0x[0-9a-fA-F]{40}$/;

export const chainDemoCommand: CliCommand = {
  name: 'chain-demo',
  usage: 'chain-demo [--dir DIR] [--port 8545] [--fund ADDRESS]...',
  summary: 'run a local demo chain (anvil) with the Tagger contracts; writes operator.key and contracts.json for `tagger node --rpc`',
  details: 'Anvil development accounts only (never real value): #0 deploys and mints, #1 is the node operator, #2 the requester (funded with 1,000,000 TAG; its key goes to requester.key). Each --fund address gets 10 ETH for gas, so a workstation wallet can claim. Stops with Ctrl+C.',
  options: { dir: { type: 'string' }, port: { type: 'string' }, fund: { type: 'string', multiple: true } },
  async run(ctx) {
    const dir = path.resolve((ctx.values.dir as string | undefined) ?? path.join(ctx.dataDir, 'chain-demo'));
    const port = Number(ctx.values.port ?? 8545);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TaggerError('invalid_argument', `--port must be a port number, not "${String(ctx.values.port)}".`);
    const fund = (ctx.values.fund as string[] | undefined) ?? [];
    for (const a of fund) if (!address.test(a)) throw new TaggerError('invalid_argument', `--fund takes an address (0x followed by 40 hex digits), not "${a}".`);
    let chain;
    try {
      chain = await startAnvil({ port });
    } catch (e) {
      throw new TaggerError('io', `anvil did not start: ${(e as Error).message.split('\n')[0]} (is port ${port} free? choose another with --port)`);
    }
    try {
      const demo = await deployDemo(chain, dir);
      const requester = chain.account(2);
      await (await connectContracts(demo.addresses, chain.account(0)).tag.mint(requester.address, parseUnits('1000000', 18))).wait();
      fs.writeFileSync(path.join(dir, 'requester.key'), `${requester.privateKey}\n`, { mode: 0o600 });
      for (const a of fund) await (await chain.account(0).sendTransaction({ to: a, value: parseUnits('10', 18) })).wait();
      process.stdout.write(`Tagger demo chain: ${chain.url} (chain id ${chain.chainId})\n`);
      process.stdout.write(`Contracts: ${demo.contractsFile}\nOperator key: ${demo.operatorKeyFile}\nRequester key: ${path.join(dir, 'requester.key')} (${requester.address}, 1,000,000 TAG)\n`);
      process.stdout.write(`Run a node on it:\n  tagger node --data ./node --rpc ${chain.url} --operator-key ${demo.operatorKeyFile} --contracts ${demo.contractsFile} --epoch-seconds 60\n`);
    } catch (e) {
      await chain.stop();
      throw new TaggerError('io', `deploying the demo contracts failed: ${describeChainError(e)}`);
    }
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await chain.stop();
    return 0;
  },
};

export const escrowDepositCommand: CliCommand = {
  name: 'escrow-deposit',
  usage: 'escrow-deposit --rpc URL --contracts FILE --key FILE --project ID --amount TAG',
  summary: "deposit TAG into a project's escrow (approves the escrow, then deposits; the first depositor is the requester)",
  options: { rpc: { type: 'string' }, contracts: { type: 'string' }, key: { type: 'string' }, project: { type: 'string' }, amount: { type: 'string' } },
  async run(ctx) {
    const v = ctx.values;
    for (const k of ['rpc', 'contracts', 'key', 'project', 'amount']) if (typeof v[k] !== 'string') throw new TaggerError('invalid_argument', `--${k} is required. Usage: tagger ${escrowDepositCommand.usage}`);
    let amount: bigint;
    try {
      amount = parseUnits(String(v.amount), 18);
    } catch {
      throw new TaggerError('invalid_argument', `--amount must be a number of TAG such as 100 or 12.5, not "${String(v.amount)}".`);
    }
    if (amount <= 0n) throw new TaggerError('invalid_argument', '--amount must be more than 0.');
    let addresses, key;
    try {
      addresses = readAddresses(String(v.contracts));
      key = readOperatorKey(String(v.key));
    } catch (e) {
      throw new TaggerError('invalid_argument', (e as Error).message.replace('operator key', 'key'));
    }
    const provider = providerFor(String(v.rpc), addresses.chainId);
    try {
      const wallet = new Wallet(key, provider);
      const c = connectContracts(addresses, wallet);
      await withDeadline((await c.tag.approve(addresses.escrow, amount)).wait(), 'approving the escrow');
      await withDeadline((await c.escrow.deposit(projectKey(String(v.project)), amount)).wait(), 'depositing');
      const p = await c.escrow.projects(projectKey(String(v.project)));
      process.stdout.write(`Deposited ${String(v.amount)} TAG for project ${String(v.project)}; its escrow holds ${unitsToTag(p.deposited)} TAG, ${unitsToTag(p.committed)} committed to rewards.\n`);
      return 0;
    } catch (e) {
      throw new TaggerError('io', `the deposit failed: ${describeChainError(e)}`);
    } finally {
      provider.destroy();
    }
  },
};
