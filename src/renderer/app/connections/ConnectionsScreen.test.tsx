// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionListItem, VaultStatus } from '../../../shared/contract-connections';
import { CallError, call } from '../../api/client';
import { renderWithQuery, resetUi } from '../testUtils';
import { ConnectionsScreen } from './ConnectionsScreen';
import { normalisePem, toInput, emptyForm } from './form';
import { useConnectionsUi } from './state';

vi.mock('../../api/client', async (orig) => ({ ...(await orig<typeof import('../../api/client')>()), call: vi.fn() }));
const callMock = vi.mocked(call);

const prom: ConnectionListItem = {
  id: 'id-prom',
  name: 'prom',
  kind: 'prometheus',
  url: 'http://127.0.0.1:9090',
  authType: 'bearer',
  headerNames: ['X-Scope-OrgID'],
  options: {},
  insecureSkipVerify: true,
  createdAt: 1,
  lastTest: { at: Date.UTC(2026, 2, 14, 2, 47), result: { ok: false, code: 'refused', message: 'Connection refused by 127.0.0.1:9090', latencyMs: null } },
};

function backend(vault: VaultStatus, list: ConnectionListItem[] = [prom]) {
  const calls: Array<[string, unknown]> = [];
  callMock.mockImplementation(((channel: string, input: unknown) => {
    calls.push([channel, input]);
    switch (channel) {
      case 'vault.status':
        return Promise.resolve(vault);
      case 'connections.list':
        return Promise.resolve(list);
      case 'vault.unlock':
        if ((input as { passphrase: string }).passphrase !== 'right passphrase') {
          return Promise.reject(new CallError('vault.unlock', 'unauthorized', 'Wrong passphrase: the vault stays locked'));
        }
        vault = { state: 'unlocked', provider: 'passphrase' };
        return Promise.resolve(vault);
      case 'connections.test':
        return Promise.resolve({ ok: false, code: 'unauthorized', message: '401 Unauthorized from 127.0.0.1:9090: check the credentials', latencyMs: 3 });
      case 'connections.add':
        return Promise.resolve({ ...prom, id: 'id-new', name: (input as { name: string }).name });
      case 'connections.remove':
        return Promise.resolve({ removed: true });
      default:
        return Promise.reject(new Error(`unexpected ${channel}`));
    }
  }) as typeof call);
  return calls;
}

beforeEach(() => {
  resetUi();
  useConnectionsUi.setState({ open: true });
  callMock.mockReset();
});
afterEach(cleanup);

describe('ConnectionsScreen', () => {
  it('shows the list while locked, with kind, URL, auth, last test and skip-verify; unlocks with the passphrase', async () => {
    const calls = backend({ state: 'locked', provider: 'passphrase' });
    renderWithQuery(<ConnectionsScreen />);
    const row = await screen.findByTestId('connection-row-prom');
    expect(row.textContent).toContain('Prometheus');
    expect(row.textContent).toContain('http://127.0.0.1:9090');
    expect(row.textContent).toContain('bearer token + headers X-Scope-OrgID');
    expect(row.textContent).toContain('TLS not verified');
    expect(row.textContent).toContain('Connection refused');
    expect(row.textContent).toContain('2026-03-14 02:47:00 UTC');
    expect((screen.getByTestId('connection-test-prom') as HTMLButtonElement).disabled).toBe(true);

    const panel = screen.getByTestId('vault-unlock');
    const input = within(panel).getByLabelText('Passphrase') as HTMLInputElement;
    expect(input.type).toBe('password');
    fireEvent.change(input, { target: { value: 'wrong one' } });
    fireEvent.submit(panel);
    expect((await within(panel).findByRole('alert')).textContent).toContain('Wrong passphrase');
    fireEvent.change(input, { target: { value: 'right passphrase' } });
    fireEvent.submit(panel);
    await waitFor(() => expect(screen.queryByTestId('vault-unlock')).toBeNull());
    await waitFor(() => expect((screen.getByTestId('connection-test-prom') as HTMLButtonElement).disabled).toBe(false));
    expect(calls.filter(([c]) => c === 'vault.unlock').map(([, i]) => i)).toEqual([{ passphrase: 'wrong one' }, { passphrase: 'right passphrase' }]);
  });

  it('Test shows the precise error in words', async () => {
    backend({ state: 'unlocked', provider: 'passphrase' });
    renderWithQuery(<ConnectionsScreen />);
    fireEvent.click(await screen.findByTestId('connection-test-prom'));
    const row = screen.getByTestId('connection-row-prom');
    await waitFor(() => expect(row.textContent).toContain('Unauthorized (401)'));
    expect(row.textContent).toContain('check the credentials');
    expect(callMock).toHaveBeenCalledWith('connections.test', { id: 'id-prom' });
  });

  it('removes only after confirmation', async () => {
    const calls = backend({ state: 'unlocked', provider: 'passphrase' });
    renderWithQuery(<ConnectionsScreen />);
    const row = await screen.findByTestId('connection-row-prom');
    fireEvent.click(within(row).getByText('Remove…'));
    expect(calls.some(([c]) => c === 'connections.remove')).toBe(false);
    expect(document.activeElement?.textContent).toBe('Cancel');
    fireEvent.click(within(row).getByText('Remove prom'));
    await waitFor(() => expect(calls).toContainEqual(['connections.remove', { id: 'id-prom' }]));
  });

  it('adds with kind-specific fields and write-only secrets, then clears them', async () => {
    const calls = backend({ state: 'unlocked', provider: 'passphrase' }, []);
    renderWithQuery(<ConnectionsScreen />);
    const form = await screen.findByTestId('connection-add');
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'dd' } });
    fireEvent.change(within(form).getByLabelText('Kind'), { target: { value: 'datadog' } });
    expect((within(form).getByLabelText('URL') as HTMLInputElement).value).toBe('https://api.datadoghq.com');
    fireEvent.change(within(form).getByLabelText('Datadog site'), { target: { value: 'datadoghq.eu' } });
    fireEvent.change(within(form).getByLabelText('Authentication'), { target: { value: 'apiKey' } });
    const apiKey = within(form).getByLabelText('API key') as HTMLInputElement;
    expect(apiKey.type).toBe('password');
    fireEvent.change(apiKey, { target: { value: 'k-123456' } });
    fireEvent.change(within(form).getByLabelText('Application key (optional)'), { target: { value: 'a-654321' } });
    fireEvent.submit(form);
    await waitFor(() => expect(calls.some(([c]) => c === 'connections.add')).toBe(true));
    expect(calls.find(([c]) => c === 'connections.add')?.[1]).toEqual({
      name: 'dd',
      kind: 'datadog',
      url: 'https://api.datadoghq.com',
      auth: { type: 'apiKey', apiKey: 'k-123456', appKey: 'a-654321' },
      tls: { insecureSkipVerify: false },
      headers: {},
      options: { site: 'datadoghq.eu' },
      timeoutMs: 10000,
    });
    await waitFor(() => expect((within(form).getByLabelText('Name') as HTMLInputElement).value).toBe(''));
  });

  it('asks to choose a passphrase on first use, twice', async () => {
    backend({ state: 'uninitialised', provider: 'passphrase', note: 'The OS keystore backend is "basic_text"' });
    renderWithQuery(<ConnectionsScreen />);
    const panel = await screen.findByTestId('vault-unlock');
    expect(panel.textContent).toContain('basic_text');
    fireEvent.change(within(panel).getByLabelText('Passphrase'), { target: { value: 'abcdefgh' } });
    fireEvent.change(within(panel).getByLabelText('Repeat'), { target: { value: 'abcdefgX' } });
    fireEvent.submit(panel);
    expect((await within(panel).findByRole('alert')).textContent).toContain('differ');
    expect(callMock).not.toHaveBeenCalledWith('vault.init', expect.anything());
  });
});

describe('form helpers', () => {
  it('rebuilds a PEM pasted into a password field', () => {
    const body = 'A'.repeat(100);
    expect(normalisePem(`-----BEGIN PRIVATE KEY-----${body}-----END PRIVATE KEY-----`)).toBe(
      `-----BEGIN PRIVATE KEY-----\n${'A'.repeat(64)}\n${'A'.repeat(36)}\n-----END PRIVATE KEY-----\n`,
    );
  });

  it('keeps only the options of the chosen kind', () => {
    const f = { ...emptyForm(), name: 'g', kind: 'github' as const, url: 'https://api.github.com', options: { repo: 'org/app', site: 'x' } };
    expect(toInput(f).options).toEqual({ repo: 'org/app' });
  });
});
