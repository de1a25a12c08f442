/** The Connections screen: the vault panel when locked, the list with Test buttons, the add form. */
import type { ReactNode } from 'react';
import { useConnectionsUi } from './state';
import { AddConnectionForm } from './AddConnectionForm';
import { ConnectionRow } from './ConnectionRow';
import { useConnectionList, useVaultStatus } from './queries';
import { VaultPanel } from './VaultPanel';
import { ModelSettingsSection } from '../model/ModelSettingsSection';
import './connections.css';

export function ConnectionsScreen(props: { tools?: ReactNode }) {
  const close = useConnectionsUi((s) => s.setOpen);
  const vault = useVaultStatus();
  const list = useConnectionList();
  const unlocked = vault.data?.state === 'unlocked';
  return (
    <div className="connections-screen" data-testid="connections-screen">
      <header className="topbar">
        <button type="button" className="btn" onClick={() => close(false)} title="Back (Esc or c)">
          ← Back
        </button>
        <div className="topbar-title">
          <h1>Connections</h1>
        </div>
        <div className="topbar-tools">{props.tools}</div>
      </header>
      <main className="connections-main">
        <p className="muted hint">
          Sources Sitrep queries for an incident's window. Credentials are encrypted on this machine
          {vault.data?.provider === 'safeStorage' ? ' with the OS keystore' : ' with your passphrase'} and never shown again.
        </p>
        {vault.error ? <p role="alert" className="conn-error">{vault.error.message}</p> : null}
        {vault.data && !unlocked ? <VaultPanel status={vault.data} /> : null}
        <section aria-labelledby="conn-list-title" className="conn-section">
          <h2 id="conn-list-title">Configured</h2>
          {list.error ? <p role="alert" className="conn-error">{list.error.message}</p> : null}
          {list.data && list.data.length === 0 ? <p className="muted">No connections yet.</p> : null}
          <ul className="conn-list">
            {(list.data ?? []).map((c) => (
              <ConnectionRow key={c.id} conn={c} unlocked={unlocked} />
            ))}
          </ul>
        </section>
        <AddConnectionForm disabled={!unlocked} />
        <ModelSettingsSection />
      </main>
    </div>
  );
}

/** The top-bar button that opens the screen (key `c`). */
export function ConnectionsButton() {
  const toggle = useConnectionsUi((s) => s.toggle);
  const open = useConnectionsUi((s) => s.open);
  if (open) return null;
  return (
    <button type="button" className="btn" data-testid="open-connections" onClick={toggle} title="Connections (c)">
      Connections
    </button>
  );
}
