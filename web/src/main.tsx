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

const session = startSession();
// A desk screen renders once its chunks have run and the session is known (both are on their way while
// the bundle runs): rendered before, it would suspend and be rendered again in time slices, and render a
// splash first, then the desk.
const desk = window.location.pathname.startsWith('/desk');
const screen = prefetchDesk(window.location, queryClient);
void Promise.all([initI18n(), screen, desk ? session : null]).then(() =>
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
