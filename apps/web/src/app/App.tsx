import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { createQueryClient } from '../api/query-client';
import { AuthProvider } from '../auth/AuthProvider';
import { RequireAuth, RequireSection } from '../auth/RequireAuth';
import type { Section } from '../auth/permissions';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { LoadingState } from '../components/States';
import { ToastProvider } from '../components/Toast';
import { NotFoundPage } from '../pages/NotFoundPage';
import { AppShell } from './layout/AppShell';

/** Each page is its own chunk, loaded when its route is first opened. */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const LoginPage = page(() => import('../pages/auth/LoginPage'), 'LoginPage');
const SignupPage = page(() => import('../pages/auth/SignupPage'), 'SignupPage');
const SsoLandingPage = page(() => import('../pages/auth/SsoLandingPage'), 'SsoLandingPage');
const ForgotPasswordPage = page(() => import('../pages/auth/ForgotPasswordPage'), 'ForgotPasswordPage');
const ResetPasswordPage = page(() => import('../pages/auth/ResetPasswordPage'), 'ResetPasswordPage');
const AcceptInvitationPage = page(() => import('../pages/auth/AcceptInvitationPage'), 'AcceptInvitationPage');
const VerifyEmailPage = page(() => import('../pages/auth/VerifyEmailPage'), 'VerifyEmailPage');
const AccountPage = page(() => import('../pages/account/AccountPage'), 'AccountPage');
const DashboardPage = page(() => import('../pages/dashboard/DashboardPage'), 'DashboardPage');
const AccountsPage = page(() => import('../pages/accounts/AccountsPage'), 'AccountsPage');
const AccountDetailPage = page(() => import('../pages/accounts/AccountDetailPage'), 'AccountDetailPage');
const ContactsPage = page(() => import('../pages/contacts/ContactsPage'), 'ContactsPage');
const ContactDetailPage = page(() => import('../pages/contacts/ContactDetailPage'), 'ContactDetailPage');
const DealsBoardPage = page(() => import('../pages/deals/DealsBoardPage'), 'DealsBoardPage');
const DealDetailPage = page(() => import('../pages/deals/DealDetailPage'), 'DealDetailPage');
const TasksPage = page(() => import('../pages/tasks/TasksPage'), 'TasksPage');
const TimeEntriesPage = page(() => import('../pages/time-entries/TimeEntriesPage'), 'TimeEntriesPage');
const ReportsPage = page(() => import('../pages/reports/ReportsPage'), 'ReportsPage');
const IntegrationsPage = page(() => import('../pages/integrations/IntegrationsPage'), 'IntegrationsPage');
const SyncConflictsPage = page(() => import('../pages/sync-conflicts/SyncConflictsPage'), 'SyncConflictsPage');
const UnmatchedEmailsPage = page(() => import('../pages/email-log/UnmatchedEmailsPage'), 'UnmatchedEmailsPage');
const MyTimesheetPage = page(() => import('../pages/timesheets/MyTimesheetPage'), 'MyTimesheetPage');
const ApprovalsPage = page(() => import('../pages/timesheets/ApprovalsPage'), 'ApprovalsPage');
const SettingsPage = page(() => import('../pages/settings/SettingsPage'), 'SettingsPage');
const AuditLogPage = page(() => import('../pages/audit-log/AuditLogPage'), 'AuditLogPage');
const PrivacyPage = page(() => import('../pages/privacy/PrivacyPage'), 'PrivacyPage');
const InvoicesPage = page(() => import('../pages/invoices/InvoicesPage'), 'InvoicesPage');
const InvoiceDetailPage = page(() => import('../pages/invoices/InvoiceDetailPage'), 'InvoiceDetailPage');
const ImportPage = page(() => import('../pages/import/ImportPage'), 'ImportPage');

const guarded = (section: Section, element: ReactNode) => <RequireSection section={section}>{element}</RequireSection>;
const pageFallback = <LoadingState label="Loading page…" />;

/** Every route of the app; the router and query client come from outside. */
export function AppRoutes() {
  return (
    <Suspense fallback={pageFallback}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/signup" element={<SignupPage />} />
        <Route path="/sso" element={<SsoLandingPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route path="/accept-invitation" element={<AcceptInvitationPage />} />
        <Route path="/verify-email" element={<VerifyEmailPage />} />
        <Route
          element={
            <RequireAuth>
              <AppShell />
            </RequireAuth>
          }
        >
          <Route index element={<DashboardPage />} />
          <Route path="accounts" element={guarded('accounts', <AccountsPage />)} />
          <Route path="accounts/:id" element={guarded('accounts', <AccountDetailPage />)} />
          <Route path="contacts" element={guarded('contacts', <ContactsPage />)} />
          <Route path="contacts/:id" element={guarded('contacts', <ContactDetailPage />)} />
          <Route path="deals" element={guarded('deals', <DealsBoardPage />)} />
          <Route path="deals/:id" element={guarded('deals', <DealDetailPage />)} />
          <Route path="tasks" element={guarded('tasks', <TasksPage />)} />
          <Route path="time-entries" element={guarded('time-entries', <TimeEntriesPage />)} />
          <Route path="timesheet" element={guarded('timesheet', <MyTimesheetPage />)} />
          <Route path="approvals" element={guarded('approvals', <ApprovalsPage />)} />
          <Route path="reports" element={guarded('reports', <ReportsPage />)} />
          <Route path="integrations" element={guarded('integrations', <IntegrationsPage />)} />
          <Route path="sync-conflicts" element={guarded('sync-conflicts', <SyncConflictsPage />)} />
          <Route path="unmatched-emails" element={guarded('unmatched-emails', <UnmatchedEmailsPage />)} />
          <Route path="settings" element={guarded('settings', <SettingsPage />)} />
          <Route path="invoices" element={guarded('invoices', <InvoicesPage />)} />
          <Route path="invoices/:id" element={guarded('invoices', <InvoiceDetailPage />)} />
          <Route path="audit-log" element={guarded('audit-log', <AuditLogPage />)} />
          <Route path="privacy" element={guarded('privacy', <PrivacyPage />)} />
          <Route path="import" element={<ImportPage />} />
          <Route path="account" element={<AccountPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

/** Providers shared by the app and the component tests. */
export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <ToastProvider>
      <AuthProvider>
        <ErrorBoundary>{children}</ErrorBoundary>
      </AuthProvider>
    </ToastProvider>
  );
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <AppProviders>
          <AppRoutes />
        </AppProviders>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
