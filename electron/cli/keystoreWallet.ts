// The wallet a CLI command signs with: --keystore FILE (an encrypted JSON keystore), or the wallet of the --data
// directory; its password from --password-file or TAGGER_WALLET_PASSWORD. Used by node-publish and node export.
import fs from 'node:fs';
import { Wallet } from 'ethers';
import type { CliContext } from './command.ts';
import { TaggerError } from '../../shared/errors.ts';
import { KeystoreFile } from '../wallet/keystoreFile.ts';

/** The requester's wallet: --keystore FILE, or the wallet of the --data directory; password from the environment. */
export async function requesterWallet(ctx: CliContext): Promise<Wallet> {
  const file = typeof ctx.values.keystore === 'string' ? ctx.values.keystore : new KeystoreFile(ctx.dataDir).file;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new TaggerError('invalid_argument', `no wallet keystore at ${file}: name one with --keystore FILE (an encrypted JSON keystore, such as a workstation's wallet/keystore.json), or --data DIR of a workstation that has a wallet.`);
  }
  const passwordFile = ctx.values['password-file'];
  const password = typeof passwordFile === 'string' ? fs.readFileSync(passwordFile, 'utf8').replace(/\r?\n$/, '') : process.env.TAGGER_WALLET_PASSWORD;
  if (password === undefined) throw new TaggerError('invalid_argument', 'the keystore needs its password: set TAGGER_WALLET_PASSWORD or pass --password-file FILE.');
  try {
    const w = await Wallet.fromEncryptedJson(text, password);
    return new Wallet(w.privateKey);
  } catch (e) {
    throw new TaggerError('unauthorized', `the keystore ${file} could not be unlocked: ${/password/i.test((e as Error).message) ? 'wrong password' : (e as Error).message}.`);
  }
}
