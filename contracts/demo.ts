// A deployment on a local chain for the demo and the tests: deploys the contracts with anvil's first account,
// makes its second the node's operator, and writes the two files `tagger node --operator-key --contracts` reads.
import fs from 'node:fs';
import path from 'node:path';
import type { Anvil } from './anvil.ts';
import { deployTagger, type ChainAddresses } from './artifacts.ts';

export interface DemoDeployment {
  addresses: ChainAddresses;
  operatorKeyFile: string;
  contractsFile: string;
}

export async function deployDemo(chain: Anvil, dir: string, opts: { closeDelaySeconds?: number; unstakeDelaySeconds?: number } = {}): Promise<DemoDeployment> {
  const operator = chain.account(1);
  const addresses = await deployTagger(chain.account(0), { operator: operator.address, closeDelaySeconds: opts.closeDelaySeconds ?? 3600, unstakeDelaySeconds: opts.unstakeDelaySeconds ?? 3600 });
  fs.mkdirSync(dir, { recursive: true });
  const operatorKeyFile = path.join(dir, 'operator.key');
  const contractsFile = path.join(dir, 'contracts.json');
  fs.writeFileSync(operatorKeyFile, `${operator.privateKey}\n`, { mode: 0o600 });
  fs.writeFileSync(contractsFile, `${JSON.stringify(addresses, null, 2)}\n`);
  return { addresses, operatorKeyFile, contractsFile };
}
