// The wallet dialog: create (phrase shown once, then words typed back), import, unlock/lock, address and rewards.
// Passwords and phrases typed here go straight to the core and are not kept in any store.
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Dialog } from '../../ui/Dialog.tsx';
import { tagger } from '../../api/tagger.ts';
import { toast, errorText } from '../../stores/app.ts';
import { closeNetworkDialog, formatReward, refreshWallet, useWallet } from './walletStore.ts';
import { markDoneAndNext } from './submitTask.ts';
import { ChainPanel } from './ChainPanel.tsx';
import type { NewWallet } from '../../../shared/api/wallet.ts';
import './wallet.css';

export function NetDialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  return <Dialog title={title} onClose={onClose} className="net-dialog">{children}</Dialog>;
}

function useBusy() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

async function continueAfterUnlock() {
  const next = useWallet.getState().afterUnlock;
  closeNetworkDialog();
  if (next) await next();
}

function UnlockForm() {
  const [password, setPassword] = useState('');
  const { busy, error, run } = useBusy();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      useWallet.setState({ status: await tagger.wallet.unlock(password) });
      setPassword('');
      toast('success', 'Wallet unlocked');
      await continueAfterUnlock();
    });
  };
  return (
    <form className="wallet-form" onSubmit={submit}>
      <label>Password <input type="password" autoFocus autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} aria-label="Wallet password" /></label>
      {error ? <p role="alert" className="result-error">{error}</p> : null}
      <button type="submit" className="primary" disabled={busy || !password}>{busy ? 'Unlocking…' : 'Unlock'}</button>
    </form>
  );
}

function CreateFlow({ replace }: { replace: boolean }) {
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [created, setCreated] = useState<NewWallet | null>(null);
  const [step, setStep] = useState<'password' | 'phrase' | 'confirm'>('password');
  const [answers, setAnswers] = useState<Record<number, string>>({});
  const { busy, error, run } = useBusy();
  if (step === 'password') {
    const mismatch = again.length > 0 && again !== password;
    return (
      <form className="wallet-form" onSubmit={(e) => { e.preventDefault(); void run(async () => { setCreated(await tagger.wallet.create(password, { replace })); setStep('phrase'); }); }}>
        <label>New password (8 characters or more) <input type="password" autoFocus autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} aria-label="New wallet password" /></label>
        <label>Repeat the password <input type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} aria-label="Repeat wallet password" /></label>
        {mismatch ? <p className="result-error">The passwords differ.</p> : null}
        {error ? <p role="alert" className="result-error">{error}</p> : null}
        <button type="submit" className="primary" disabled={busy || password.length < 8 || again !== password}>Create wallet</button>
      </form>
    );
  }
  if (step === 'phrase' && created) {
    return (
      <div className="wallet-form">
        <p>Write these {created.phrase.split(' ').length} words down, in order, and keep them offline. They are the only way to recover this wallet; they will not be shown again.</p>
        <ol className="phrase" aria-label="Recovery phrase">
          {created.phrase.split(' ').map((w, i) => <li key={i}>{w}</li>)}
        </ol>
        <button className="primary" autoFocus onClick={() => setStep('confirm')}>I wrote them down</button>
      </div>
    );
  }
  return (
    <form className="wallet-form" onSubmit={(e) => {
      e.preventDefault();
      void run(async () => {
        useWallet.setState({ status: await tagger.wallet.confirmCreate(created!.pendingId, created!.confirmIndices.map((index) => ({ index, word: answers[index] ?? '' }))) });
        setCreated(null);
        toast('success', 'Wallet created and unlocked');
        await continueAfterUnlock();
      });
    }}>
      <p>Type the words you wrote down, to check them.</p>
      {created!.confirmIndices.map((i, k) => (
        <label key={i}>Word {i + 1} <input autoFocus={k === 0} autoComplete="off" spellCheck={false} value={answers[i] ?? ''} onChange={(e) => setAnswers({ ...answers, [i]: e.target.value })} aria-label={`Word ${i + 1}`} /></label>
      ))}
      {error ? <p role="alert" className="result-error">{error}</p> : null}
      <div className="row"><button type="button" onClick={() => setStep('phrase')}>Show the words again</button><button type="submit" className="primary" disabled={busy}>{busy ? 'Encrypting and saving…' : 'Confirm and save'}</button></div>
    </form>
  );
}

function ImportForm({ replace }: { replace: boolean }) {
  const [kind, setKind] = useState<'phrase' | 'privateKey' | 'keystore'>('phrase');
  const [secret, setSecret] = useState('');
  const [json, setJson] = useState('');
  const [fileName, setFileName] = useState('');
  const [keystorePassword, setKeystorePassword] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useBusy();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const status = kind === 'phrase' ? await tagger.wallet.import({ kind, phrase: secret, password, replace })
        : kind === 'privateKey' ? await tagger.wallet.import({ kind, privateKey: secret, password, replace })
        : await tagger.wallet.import({ kind, json, keystorePassword, password: password || undefined, replace });
      useWallet.setState({ status });
      toast('success', 'Wallet imported and unlocked');
      await continueAfterUnlock();
    });
  };
  return (
    <form className="wallet-form" onSubmit={submit}>
      <label>Import from
        <select autoFocus value={kind} onChange={(e) => { setKind(e.target.value as typeof kind); setSecret(''); }} aria-label="Import from">
          <option value="phrase">Recovery phrase</option>
          <option value="privateKey">Private key</option>
          <option value="keystore">Keystore file (JSON)</option>
        </select>
      </label>
      {kind === 'keystore' ? (
        <>
          <label>Keystore file <input type="file" accept=".json,application/json" aria-label="Keystore file"
            onChange={(e) => { const f = e.target.files?.[0]; if (f) { setFileName(f.name); void f.text().then(setJson); } }} /></label>
          {fileName ? <p className="muted">{fileName}</p> : null}
          <label>Password of the file <input type="password" value={keystorePassword} onChange={(e) => setKeystorePassword(e.target.value)} aria-label="Keystore file password" /></label>
        </>
      ) : (
        <label>{kind === 'phrase' ? 'Recovery phrase' : 'Private key'}
          <textarea rows={kind === 'phrase' ? 3 : 2} spellCheck={false} autoComplete="off" value={secret} onChange={(e) => setSecret(e.target.value)} aria-label={kind === 'phrase' ? 'Recovery phrase' : 'Private key'} />
        </label>
      )}
      <label>{kind === 'keystore' ? 'New password here (optional)' : 'Password to protect it here'} <input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} aria-label="Password for this workstation" /></label>
      {error ? <p role="alert" className="result-error">{error}</p> : null}
      <button type="submit" className="primary" disabled={busy || (kind === 'keystore' ? !json || !keystorePassword : !secret || password.length < 8)}>{busy ? 'Importing…' : 'Import wallet'}</button>
    </form>
  );
}

function Overview() {
  const status = useWallet((s) => s.status)!;
  const [minutes, setMinutes] = useState(String(status.idleLockMinutes));
  return (
    <div className="wallet-form">
      <dl className="meta">
        <dt>Address</dt><dd className="mono" aria-label="Wallet address">{status.address}</dd>
        <dt>Rewards earned</dt><dd aria-label="Total rewards">{formatReward(status.totalReward)}</dd>
      </dl>
      <ChainPanel />
      <label>Lock after idle minutes
        <input type="number" min={1} max={1440} value={minutes} onChange={(e) => setMinutes(e.target.value)} aria-label="Lock after idle minutes"
          onBlur={() => { const n = Math.round(Number(minutes)); if (n >= 1 && n <= 1440 && n !== status.idleLockMinutes) void tagger.wallet.setIdleLock(n).then((s) => useWallet.setState({ status: s })).catch((e) => toast('error', errorText(e))); }} />
      </label>
      <div className="row">
        <button data-autofocus="" onClick={() => useWallet.setState({ dialog: 'submissions' })}>Submissions and rewards</button>
        <button onClick={() => void tagger.wallet.lock().then((s) => { useWallet.setState({ status: s }); toast('info', 'Wallet locked'); })}>Lock wallet</button>
      </div>
    </div>
  );
}

export function WalletDialog() {
  const status = useWallet((s) => s.status);
  const waiting = useWallet((s) => !!s.afterUnlock);
  const [mode, setMode] = useState<'main' | 'create' | 'import'>('main');
  useEffect(() => void refreshWallet(), []);
  const title = !status ? 'Wallet' : !status.exists ? 'Create or import a wallet' : status.unlocked ? 'Wallet' : 'Unlock wallet';
  const replace = !!status?.exists;
  return (
    <NetDialog title={title} onClose={closeNetworkDialog}>
      {waiting ? <p className="muted">Submitting signs your work with your wallet{status?.exists ? '; unlock it to continue.' : '. Create or import one, or finish the task here without submitting it.'}</p> : null}
      {!status ? <p>Loading…</p> : mode === 'create' ? <CreateFlow replace={replace} /> : mode === 'import' ? <ImportForm replace={replace} />
        : !status.exists ? (
          <div className="row">
            <button className="primary" onClick={() => setMode('create')}>Create a new wallet</button>
            <button onClick={() => setMode('import')}>Import a wallet</button>
          </div>
        ) : status.unlocked ? <Overview /> : (
          <>
            <p>Address <span className="mono">{status.address ?? 'unknown (the keystore file is damaged)'}</span></p>
            <UnlockForm />
          </>
        )}
      <div className="row wallet-foot">
        {mode !== 'main' ? <button onClick={() => setMode('main')}>Back</button> : null}
        {status?.exists && mode === 'main' ? <button className="link" onClick={() => { if (confirm('Replace the wallet on this workstation? The current keystore file is kept beside the new one.')) setMode('import'); }}>Use another wallet…</button> : null}
        {waiting ? <button onClick={() => { closeNetworkDialog(); void markDoneAndNext(); }}>Mark done without submitting</button> : null}
      </div>
    </NetDialog>
  );
}
