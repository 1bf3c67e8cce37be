import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { AppRoutes } from './app-routes';
import { SessionGate } from './features/account/session-gate';
import { i18n } from './i18n/i18n';
import { createQueryClient } from './query-client';

// A data router (one splat route around the declarative <Routes>): the journey canvas's
// unsaved-change guard needs useBlocker, which only a data router provides.
const createRouter = () =>
  createBrowserRouter([
    {
      path: '*',
      element: (
        <SessionGate>
          <AppRoutes />
        </SessionGate>
      ),
    },
  ]);

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(createRouter);
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nextProvider>
  );
}
