import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { AppRoutes } from './app-routes';
import { ConnectGate } from './features/connect/connect-gate';
import { i18n } from './i18n/i18n';
import { createQueryClient } from './query-client';

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <ConnectGate>
            <AppRoutes />
          </ConnectGate>
        </BrowserRouter>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
