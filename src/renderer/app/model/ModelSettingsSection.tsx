/**
 * The model settings on the Connections screen: which model explains the hypotheses (none, a
 * local GGUF file, a remote OpenAI-compatible endpoint), the network switch, what is redacted
 * before a remote call, and the model doctor's findings in plain words. The API key is only
 * ever named (an environment variable or a vault connection); it never reaches this screen.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { DoctorFinding, ModelMode, ModelSettingsView, RedactionSwitches } from '../../../shared/contract-model';
import { useModelDoctor, useModelSettings, useSaveModelSettings } from '../hypotheses/model-queries';
import './model.css';

interface Form {
  mode: ModelMode;
  path: string;
  url: string;
  model: string;
  keyRef: string;
  offline: boolean;
  redaction: RedactionSwitches;
}

const fromView = (v: ModelSettingsView): Form => ({
  mode: v.mode,
  path: v.local.path ?? '',
  url: v.remote?.url ?? '',
  model: v.remote?.model ?? '',
  keyRef: v.remote?.apiKeyRef ?? '',
  offline: v.offline,
  redaction: v.redaction,
});

const MODES: { value: ModelMode; label: string; hint: string }[] = [
  { value: 'none', label: 'None', hint: 'the deterministic engine only' },
  { value: 'local', label: 'Local GGUF file', hint: 'runs on this machine; nothing leaves it' },
  { value: 'remote', label: 'Remote endpoint', hint: 'OpenAI-compatible; evidence is redacted first' },
];

const REDACT: { key: keyof RedactionSwitches; label: string }[] = [
  { key: 'secrets', label: 'secrets and keys' },
  { key: 'emails', label: 'emails' },
  { key: 'ips', label: 'IP addresses' },
  { key: 'userIds', label: 'user ids' },
];

const MARK: Record<DoctorFinding['level'], string> = { ok: '✓', warn: '!', error: '✗' };

function Findings(props: { findings: DoctorFinding[] }) {
  return (
    <ul className="doctor-findings" data-testid="doctor-findings">
      {props.findings.map((f, i) => (
        <li key={i} className={`doctor-${f.level}`}>
          <span className="doctor-mark" aria-label={f.level}>
            {MARK[f.level]}
          </span>
          <div>
            <div>{f.message}</div>
            {f.fix ? <div className="doctor-fix">What to do: {f.fix}</div> : null}
          </div>
        </li>
      ))}
    </ul>
  );
}

export function ModelSettingsSection() {
  const settings = useModelSettings();
  const save = useSaveModelSettings();
  const doctor = useModelDoctor();
  const [f, setF] = useState<Form | null>(null);
  useEffect(() => {
    if (settings.data && f === null) setF(fromView(settings.data));
  }, [settings.data, f]);
  if (f === null) return settings.error ? <p role="alert" className="conn-error">{settings.error.message}</p> : null;
  const set = <K extends keyof Form>(k: K, v: Form[K]): void => setF({ ...f, [k]: v });

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    doctor.reset();
    save.mutate({
      mode: f.mode,
      offline: f.offline,
      redaction: f.redaction,
      ...(f.path.trim() !== '' ? { local: { path: f.path.trim() } } : {}),
      ...(f.url.trim() !== '' && f.model.trim() !== '' ? { remote: { url: f.url.trim(), model: f.model.trim(), apiKeyRef: f.keyRef.trim() === '' ? null : f.keyRef.trim() } } : {}),
    });
  };

  return (
    <form className="conn-panel model-settings" onSubmit={submit} aria-labelledby="model-settings-title" data-testid="model-settings">
      <h2 id="model-settings-title">Model</h2>
      <p className="muted hint">Which model explains and re-ranks the hypotheses. It can only cite evidence Sitrep found; anything else it says is dropped and shown as dropped.</p>
      <fieldset className="model-modes">
        <legend className="sr-only">Model</legend>
        {MODES.map((m) => (
          <label key={m.value} className={`model-mode${f.mode === m.value ? ' chosen' : ''}`}>
            <input type="radio" name="model-mode" value={m.value} checked={f.mode === m.value} onChange={() => set('mode', m.value)} data-testid={`model-mode-${m.value}`} />
            <span>
              <strong>{m.label}</strong> <span className="muted">— {m.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {f.mode === 'local' ? (
        <label className="conn-field">
          Model file (full path of a .gguf file on the machine running Sitrep)
          <input className="input mono" value={f.path} onChange={(e) => set('path', e.target.value)} placeholder="/models/qwen2.5-3b-instruct-q4_k_m.gguf" data-testid="model-path" spellCheck={false} />
        </label>
      ) : null}
      {f.mode === 'remote' ? (
        <div className="conn-grid">
          <label className="conn-field">
            Endpoint URL
            <input className="input mono" type="url" value={f.url} onChange={(e) => set('url', e.target.value)} placeholder="http://127.0.0.1:11434/v1" data-testid="model-url" spellCheck={false} />
          </label>
          <label className="conn-field">
            Model name
            <input className="input mono" value={f.model} onChange={(e) => set('model', e.target.value)} placeholder="qwen2.5:7b-instruct" data-testid="model-name" spellCheck={false} />
          </label>
          <label className="conn-field">
            API key from
            <input className="input mono" value={f.keyRef} onChange={(e) => set('keyRef', e.target.value)} placeholder="env:OPENAI_API_KEY or a connection" data-testid="model-key-ref" spellCheck={false} />
          </label>
        </div>
      ) : null}
      {f.mode === 'remote' ? (
        <fieldset className="model-redact">
          <legend>Redact before sending</legend>
          {REDACT.map((r) => (
            <label key={r.key} className="check">
              <input type="checkbox" checked={f.redaction[r.key]} onChange={(e) => set('redaction', { ...f.redaction, [r.key]: e.target.checked })} /> {r.label}
            </label>
          ))}
        </fieldset>
      ) : null}
      <label className="check model-offline">
        <input type="checkbox" checked={f.offline} onChange={(e) => set('offline', e.target.checked)} data-testid="model-offline" />
        <span>
          <strong>Offline</strong> <span className="muted">— never contact a remote model (local models still work)</span>
        </span>
      </label>
      <div className="conn-form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="model-save">
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="btn" onClick={() => doctor.mutate()} disabled={doctor.isPending || save.isPending} data-testid="model-doctor">
          {doctor.isPending ? 'Checking…' : 'Check the saved model'}
        </button>
        {save.isSuccess && !save.isPending ? <span className="muted">Saved.</span> : null}
      </div>
      {save.error ? <p role="alert" className="conn-error">{save.error.message}</p> : null}
      {doctor.error ? <p role="alert" className="conn-error">{doctor.error.message}</p> : null}
      {doctor.data ? <Findings findings={doctor.data.findings} /> : null}
    </form>
  );
}
