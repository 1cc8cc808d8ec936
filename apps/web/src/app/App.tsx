import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { createQueryClient } from '../api/query-client';
import { ComingSoonPage } from '../pages/ComingSoonPage';
import { DashboardPage } from '../pages/dashboard/DashboardPage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { AppShell } from './layout/AppShell';
import { navItems } from './layout/nav-items';

/** Every route of the app inside the shell; the router and query client come from outside. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppShell />}>
        <Route index element={<DashboardPage />} />
        {navItems
          .filter((item) => item.path !== '/')
          .map((item) => (
            <Route key={item.path} path={item.path} element={<ComingSoonPage item={item} />} />
          ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </QueryClientProvider>
  );
}
