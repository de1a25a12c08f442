/** Renderer entry: theme, query client with push invalidation, the app. */
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { installPushInvalidation, queryClient } from './api/queryClient';
import { installThemeSync } from './app/theme';
import './styles.css';

installThemeSync();
installPushInvalidation(queryClient);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
