import { describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { Wallet, hexlify, keccak256, randomBytes } from 'ethers';
import { DEFAULT_DOMAIN } from '../../shared/signing/typedData.ts';
import { submissionDigest } from '../../shared/signing/submissionDigest.ts';
import { checkSignedBy, keccak256Native, recoverAddress } from './nativeCrypto.ts';
import { checkItem } from './verifyItems.ts';
import { signSubmission } from '../testing/signing.ts';

const N = BigInt('0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141');

describe('native crypto', () => {
  it('keccak256Native equals ethers keccak256 across the block boundary and after reuse', () => {
    for (const n of [0, 1, 31, 135, 136, 137, 224, 272, 1000, 10_000]) {
      const b = crypto.randomBytes(n);
      expect(hexlify(keccak256Native(b))).toBe(keccak256(b));
      expect(hexlify(keccak256Native(new Uint8Array(b)))).toBe(keccak256(b));
    }
  });

  it('recovers the signer, and refuses malleated (high-s) and malformed signatures', () => {
    const w = new Wallet(hexlify(randomBytes(32)));
    const digest = randomBytes(32);
    const sig = w.signingKey.sign(digest);
    expect(recoverAddress(digest, sig.serialized)).toEqual({ address: w.address.toLowerCase() });
    // the same signature with s' = n - s and v flipped is valid ECDSA, but the node accepts one form only
    const highS = `${sig.r}${(N - BigInt(sig.s)).toString(16).padStart(64, '0')}${(sig.v === 27 ? 28 : 27).toString(16)}`;
    expect(recoverAddress(digest, highS)).toEqual({ error: expect.stringMatching(/lower half/) });
    expect(recoverAddress(digest, `${sig.serialized.slice(0, 130)}05`)).toEqual({ error: expect.stringMatching(/v must be 27 or 28/) });
    expect(recoverAddress(digest, '0x00')).toEqual({ error: expect.stringMatching(/130 hex digits/) });
  });

  it('checkSignedBy still catches a forgery once the claimed signer is known (key cache)', () => {
    const w = new Wallet(hexlify(randomBytes(32)));
    const mallory = new Wallet(hexlify(randomBytes(32)));
    const d1 = randomBytes(32);
    expect(checkSignedBy(d1, w.signingKey.sign(d1).serialized, w.address.toLowerCase())).toEqual({ ok: true });
    const d2 = randomBytes(32);
    expect(checkSignedBy(d2, w.signingKey.sign(d2).serialized, w.address.toLowerCase())).toEqual({ ok: true });
    expect(checkSignedBy(d2, mallory.signingKey.sign(d2).serialized, w.address.toLowerCase())).toEqual({ ok: false, address: mallory.address.toLowerCase() });
    expect(checkSignedBy(d2, w.signingKey.sign(d1).serialized, w.address.toLowerCase())).toMatchObject({ ok: false });
  });
});

describe('checkItem', () => {
  const w = new Wallet(hexlify(randomBytes(32)));
  const lease = { taskId: 't_1', projectId: 'p_1' };

  it('accepts a good item and returns its id (the EIP-712 hash) and the canonical document', () => {
    const item = signSubmission(w, DEFAULT_DOMAIN, lease, { nonce: 1 });
    const r = checkItem(DEFAULT_DOMAIN, JSON.parse(JSON.stringify(item)));
    expect(r).toMatchObject({ ok: true, id: submissionDigest(DEFAULT_DOMAIN, item.message), signer: w.address.toLowerCase() });
  });

  it('hashes the document as received: an extra key the signer did not hash is a mismatch, not silently dropped', () => {
    const item = signSubmission(w, DEFAULT_DOMAIN, lease, { nonce: 2 });
    const raw = JSON.parse(JSON.stringify(item));
    raw.document.objects[0].extra = 1;
    expect(checkItem(DEFAULT_DOMAIN, raw)).toMatchObject({ ok: false, reason: expect.stringMatching(/content hash does not match/) });
  });

  it('names the field of a malformed item and a document for another task', () => {
    const item = signSubmission(w, DEFAULT_DOMAIN, lease, { nonce: 3 });
    expect(checkItem(DEFAULT_DOMAIN, { ...item, message: { ...item.message, nonce: '-3' } })).toMatchObject({ ok: false, id: null, reason: expect.stringMatching(/^malformed item: message\.nonce/) });
    // a broken document still lets the sender file the verdict under the item's id
    expect(checkItem(DEFAULT_DOMAIN, { ...item, document: { taskId: 't_1', objects: 'none' } })).toMatchObject({ ok: false, id: submissionDigest(DEFAULT_DOMAIN, item.message), reason: expect.stringMatching(/^malformed item: document\.objects/) });
    const other = signSubmission(w, DEFAULT_DOMAIN, lease, { nonce: 4, document: { taskId: 't_2', objects: [] } });
    expect(checkItem(DEFAULT_DOMAIN, other)).toMatchObject({ ok: false, reason: expect.stringMatching(/document is for task "t_2"/) });
  });
});
