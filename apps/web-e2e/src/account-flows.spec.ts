import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { capture } from './support/app';
import { launchBrowser, type Browser } from './support/browser';
import { closeBrowserStack, desktopPage, signUpInForm } from './support/session';
import { SmtpSink } from '@clockwork/testing-support';
import { screenshotDir } from './support/paths';
import { startStack, type Stack } from './support/stack';

const run = Date.now().toString(36);
const admin = { org: `Contoso ${run}`, name: 'Ada Admin', email: `ada-${run}@contoso.test`, password: 'correct horse battery staple' };
const invitee = { name: 'Grace Hopper', email: `grace-${run}@contoso.test`, password: 'plum orbit lantern gravel 93', reset: 'quartz meadow violin harbor 17' };

/**
 * Account flows in a real browser against the built api, which mails through a real SMTP server
 * of the test: an admin invites a person, who opens the mailed link, sets a password and is
 * signed in; then that person forgets the password, resets it from the mailed link and signs in.
 */
describe('web: account flows (invitation, password reset) with real mail', () => {
  let smtp: SmtpSink;
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  /** The link of the next mail to `to` for `page`, opened on the web app under test. */
  const mailedLink = async (to: string, linkPage: string, after: number): Promise<string> => {
    const pattern = new RegExp(`https?://\\S+?(/${linkPage}#token=[A-Za-z0-9_%-]+)`);
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const mail = smtp.messages.slice(after).find((m) => SmtpSink.sentTo(m, to) && pattern.test(m.text ?? ''));
      if (mail) return `${stack.webUrl}${(pattern.exec(mail.text ?? '') as RegExpExecArray)[1]}`;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no ${linkPage} mail to ${to}`);
  };

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    smtp = await SmtpSink.start();
    stack = await startStack({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_SECURE: 'false' });
    browser = await launchBrowser();
    page = await desktopPage(browser, pageErrors);
  });

  closeBrowserStack(() => ({ browser, stack, pageErrors }));
  afterAll(() => smtp?.stop());

  it('invites a user, who opens the mailed link, sets a password and is signed in', async () => {
    await page.goto(`${stack.webUrl}/signup`);
    await signUpInForm(page, admin);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByText('No pending invitations.').waitFor();
    await page.getByRole('button', { name: 'Invite user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite user' });
    await dialog.getByLabel('Name').fill(invitee.name);
    await dialog.getByLabel('Email').fill(invitee.email);
    await dialog.getByLabel('Role').selectOption('sales');
    await capture(page, 'account-invite-dialog');
    const before = smtp.messages.length;
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    const pending = page.getByRole('table', { name: 'Pending invitations' });
    await pending.getByText(invitee.email).waitFor();
    await capture(page, 'account-pending-invitations', 'Settings');
    const link = await mailedLink(invitee.email, 'accept-invitation', before);

    // The invited person opens the link after the admin has signed out.
    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Join your team' }).waitFor();
    await page.getByLabel('Password').fill('grace hopper');
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.getByText(/too easy to guess/).waitFor();
    await capture(page, 'account-accept-invitation-weak');
    await page.getByLabel('Password').fill(invitee.password);
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(await page.getByRole('button', { name: /Account menu/ }).innerText()).toContain(invitee.name);

    // The link works once.
    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.goto(link);
    await page.getByLabel('Password').fill(invitee.password);
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.getByRole('alert').getByText(/already used/).waitFor();
  });

  it('resets a forgotten password from the mailed link and signs in with the new one', async () => {
    await page.goto(`${stack.webUrl}/login`);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Forgot your password?' }).waitFor();
    await capture(page, 'account-forgot-password');
    await page.getByLabel('Email').fill(invitee.email);
    const before = smtp.messages.length;
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check your email' }).waitFor();
    await capture(page, 'account-forgot-password-sent');
    const link = await mailedLink(invitee.email, 'reset-password', before);

    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    await page.getByLabel('New password').fill('password123');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText(/too easy to guess/).waitFor();
    await capture(page, 'account-reset-password-weak');
    await page.getByLabel('New password').fill(invitee.reset);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('heading', { level: 1, name: 'Password changed' }).waitFor();
    await page.getByRole('link', { name: 'Sign in', exact: true }).click();

    await page.getByLabel('Email').fill(invitee.email);
    await page.getByLabel('Password').fill(invitee.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('Password').fill(invitee.reset);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();

    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('menuitem', { name: 'Your account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await capture(page, 'account-change-password');
  });
});
