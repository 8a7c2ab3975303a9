import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { ApiError } from './api/client';
import { initI18n } from './i18n';
import { prefetchDesk, router } from './router';
import { SessionProvider, startSession } from './session';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // A 4xx will answer the same again; only a lost connection or a 5xx is worth another try.
      retry: (count, error) =>
        count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});

startSession();
// A desk screen renders once its chunks have run (they load while the session is asked for anyway):
// rendered before, it would suspend and be rendered again in time slices.
const screen = prefetchDesk(window.location, queryClient);
void Promise.all([initI18n(), screen]).then(() =>
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <SessionProvider>
          <RouterProvider router={router} />
        </SessionProvider>
      </QueryClientProvider>
    </StrictMode>,
  ),
);
