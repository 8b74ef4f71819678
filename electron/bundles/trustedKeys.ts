// The team's trusted-keys list: wallets whose signed bundles this data directory imports. The local wallet is
// trusted implicitly (a bundle you exported yourself); everyone else is added with `tagger keys trust`.
import { getAddress, isAddress } from 'ethers';
import type { Db } from '../store/db.ts';
import { TaggerError } from '../../shared/errors.ts';

export interface TrustedKey {
  address: string;
  name: string;
  addedAt: number;
}

export function checkAddress(input: string): string {
  const a = input.trim();
  if (!isAddress(a) || !/^0x[0-9a-fA-F]{40}$/.test(a))
    throw new TaggerError('invalid_argument', `"${a}" is not a wallet address: expected 0x followed by 40 hex digits (copy it from the Wallet panel or from \`tagger bundle verify\`).`, { field: 'address' });
  return getAddress(a.toLowerCase());
}

export class TrustedKeys {
  constructor(private readonly db: Db, private readonly now: () => number) {}

  list(): TrustedKey[] {
    return (this.db.prepare('SELECT address, name, added_at FROM trusted_keys ORDER BY added_at, address').all() as { address: string; name: string; added_at: number }[])
      .map((r) => ({ address: getAddress(r.address), name: r.name, addedAt: r.added_at }));
  }

  has(address: string): boolean {
    return !!this.db.prepare('SELECT 1 FROM trusted_keys WHERE address = ?').get(address.toLowerCase());
  }

  trust(address: string, name = ''): TrustedKey {
    const a = checkAddress(address);
    this.db.prepare('INSERT INTO trusted_keys(address, name, added_at) VALUES (?, ?, ?) ON CONFLICT(address) DO UPDATE SET name = excluded.name').run(a.toLowerCase(), name.trim().slice(0, 200), this.now());
    return this.list().find((k) => k.address === a)!;
  }

  untrust(address: string): boolean {
    const a = checkAddress(address);
    return this.db.prepare('DELETE FROM trusted_keys WHERE address = ?').run(a.toLowerCase()).changes > 0;
  }
}
