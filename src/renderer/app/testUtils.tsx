/** Test helpers: a fresh QueryClient per render, and a reset UI store. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { useUi } from '../state/ui';

const initialUi = useUi.getState();

export function resetUi(): void {
  useUi.setState(initialUi, true);
}

export function renderWithQuery(ui: ReactElement) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity } } });
  return { client, ...render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>) };
}
