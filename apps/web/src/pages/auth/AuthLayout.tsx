import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Logo } from '../../app/layout/Logo';
import { usePageTitle } from '../../app/use-page-title';

export function AuthLayout({ title, subtitle, children, footer }: { title: string; subtitle: string; children: ReactNode; footer: ReactNode }) {
  usePageTitle(title);
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center bg-gradient-to-b from-slate-50 to-indigo-50/60 px-4 py-12">
      <Logo />
      <div className="mt-8 w-full max-w-sm rounded-2xl border border-slate-200 bg-white p-6 shadow-xl shadow-slate-900/5 sm:p-8">
        <h1 className="text-xl font-semibold tracking-tight text-slate-900">{title}</h1>
        <p className="mt-1 text-sm text-slate-500">{subtitle}</p>
        <div className="mt-6">{children}</div>
      </div>
      <p className="mt-6 text-sm text-slate-600">{footer}</p>
    </main>
  );
}

/** The footer of the pages one reaches from the sign-in page: the way back to it. */
export function BackToSignIn() {
  return (
    <Link to="/login" className="font-semibold text-indigo-600 hover:text-indigo-500">
      Back to sign in
    </Link>
  );
}
