/** Add a connection: kind-specific fields, write-only secret inputs, TLS options ("skip verify" in red). */
import { useState, type FormEvent, type ReactNode } from 'react';
import { SourceKind } from '../../../shared/connections';
import { useAddConnection } from './queries';
import { DEFAULT_URL, emptyForm, KIND_OPTIONS, toInput, URL_PLACEHOLDER, type AddForm, type AuthChoice } from './form';
import { AUTH_WORDS, KIND_WORDS } from './words';

function Field(props: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <label className={props.wide ? 'conn-field wide' : 'conn-field'}>
      <span>{props.label}</span>
      {props.children}
    </label>
  );
}

/** A secret: a password field that never shows what was typed, cleared after saving. */
function Secret(props: { label: string; value: string; onChange(v: string): void }) {
  return (
    <Field label={props.label}>
      <input className="input" type="password" autoComplete="off" spellCheck={false} value={props.value} onChange={(e) => props.onChange(e.target.value)} />
    </Field>
  );
}

export function AddConnectionForm(props: { disabled: boolean }) {
  const [f, setF] = useState<AddForm>(emptyForm);
  const add = useAddConnection();
  const set = <K extends keyof AddForm>(k: K, v: AddForm[K]) => setF((prev) => ({ ...prev, [k]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(toInput(f), { onSuccess: () => setF(emptyForm()) });
  };
  const secret = (label: string, k: 'token' | 'password' | 'apiKey' | 'appKey') => <Secret label={label} value={f[k]} onChange={(v) => set(k, v)} />;

  return (
    <form className="conn-panel" onSubmit={submit} aria-labelledby="conn-add-title" data-testid="connection-add">
      <h2 id="conn-add-title">Add a connection</h2>
      <fieldset disabled={props.disabled} className="conn-fieldset">
        <div className="conn-grid">
          <Field label="Name">
            <input className="input" required value={f.name} onChange={(e) => set('name', e.target.value)} placeholder="prod-prometheus" />
          </Field>
          <Field label="Kind">
            <select
              className="input"
              value={f.kind}
              onChange={(e) => {
                const kind = SourceKind.parse(e.target.value);
                setF((p) => ({ ...p, kind, url: p.url === '' || Object.values(DEFAULT_URL).includes(p.url) ? (DEFAULT_URL[kind] ?? '') : p.url }));
              }}
            >
              {SourceKind.options.map((k) => (
                <option key={k} value={k}>
                  {KIND_WORDS[k]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="URL" wide>
            <input className="input mono" required type="url" value={f.url} onChange={(e) => set('url', e.target.value)} placeholder={URL_PLACEHOLDER[f.kind]} />
          </Field>
          {KIND_OPTIONS[f.kind].map((o) => (
            <Field key={o.key} label={o.label}>
              {o.choices ? (
                <select className="input" value={f.options[o.key] ?? ''} onChange={(e) => set('options', { ...f.options, [o.key]: e.target.value })}>
                  <option value="">(choose)</option>
                  {o.choices.map((c) => (
                    <option key={c}>{c}</option>
                  ))}
                </select>
              ) : (
                <input className="input" value={f.options[o.key] ?? ''} placeholder={o.placeholder} onChange={(e) => set('options', { ...f.options, [o.key]: e.target.value })} />
              )}
            </Field>
          ))}
          <Field label="Authentication">
            <select className="input" value={f.auth} onChange={(e) => set('auth', e.target.value as AuthChoice)}>
              {(Object.keys(AUTH_WORDS) as AuthChoice[]).map((a) => (
                <option key={a} value={a}>
                  {AUTH_WORDS[a]}
                </option>
              ))}
            </select>
          </Field>
          {f.auth === 'bearer' ? secret('Token', 'token') : null}
          {f.auth === 'basic' ? (
            <>
              <Field label="User name">
                <input className="input" autoComplete="off" value={f.username} onChange={(e) => set('username', e.target.value)} />
              </Field>
              {secret('Password', 'password')}
            </>
          ) : null}
          {f.auth === 'apiKey' ? (
            <>
              {secret('API key', 'apiKey')}
              {secret('Application key (optional)', 'appKey')}
            </>
          ) : null}
          {f.auth === 'clientCert' ? (
            <>
              <Field label="Client certificate (PEM)" wide>
                <textarea className="input mono" rows={3} spellCheck={false} value={f.certPem} onChange={(e) => set('certPem', e.target.value)} />
              </Field>
              <Secret label="Client key (PEM, write-only)" value={f.keyPem} onChange={(v) => set('keyPem', v)} />
            </>
          ) : null}
          <Field label="Custom header name">
            <input className="input" value={f.headerName} placeholder="X-Scope-OrgID" onChange={(e) => set('headerName', e.target.value)} />
          </Field>
          <Secret label="Header value (secret)" value={f.headerValue} onChange={(v) => set('headerValue', v)} />
          <Field label="Timeout (ms)">
            <input className="input" inputMode="numeric" value={f.timeoutMs} onChange={(e) => set('timeoutMs', e.target.value)} />
          </Field>
        </div>
        <details className="conn-tls">
          <summary>TLS options</summary>
          <div className="conn-grid">
            <Field label="Extra CA bundle (PEM)" wide>
              <textarea className="input mono" rows={3} spellCheck={false} value={f.caPem} onChange={(e) => set('caPem', e.target.value)} />
            </Field>
            <Field label="Server name (SNI)">
              <input className="input" value={f.serverName} onChange={(e) => set('serverName', e.target.value)} />
            </Field>
            <label className="check conn-insecure-check">
              <input type="checkbox" checked={f.insecure} onChange={(e) => set('insecure', e.target.checked)} />
              Skip TLS verification (insecure: anyone on the path can read the credentials)
            </label>
          </div>
        </details>
        <div className="conn-form-actions">
          <button type="submit" className="btn btn-primary" disabled={add.isPending}>
            {add.isPending ? 'Saving…' : 'Add connection'}
          </button>
          {add.error ? (
            <p role="alert" className="conn-error">
              {add.error.message}
            </p>
          ) : null}
        </div>
      </fieldset>
    </form>
  );
}
