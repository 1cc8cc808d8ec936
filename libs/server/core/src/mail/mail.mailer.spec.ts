import { Logger } from '@nestjs/common';
import * as nodemailer from 'nodemailer';
import { Env } from '../config/environment.config';
import { Mailer } from './mail.mailer';

jest.mock('nodemailer', () => ({ createTransport: jest.fn() }));

const env = (over: Partial<Env>): Env => Object.assign(new Env(), over);

describe('Mailer', () => {
  const sendMail = jest.fn(async () => ({}));
  const close = jest.fn();
  beforeEach(() => {
    jest.mocked(nodemailer.createTransport).mockReset().mockReturnValue({ sendMail, close } as unknown as nodemailer.Transporter);
    sendMail.mockClear();
    close.mockClear();
  });

  it('skips with a log line (the subject, not the address) when SMTP_HOST is empty, and opens no transport', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const mailer = new Mailer(env({ SMTP_HOST: '' }));
    expect(mailer.configured).toBe(false);
    expect(await mailer.send({ to: 'a@example.com', subject: 'Hello', text: 'x' })).toBe(false);
    expect(nodemailer.createTransport).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith('SMTP_HOST is empty: email "Hello" not sent');
    expect(JSON.stringify(warn.mock.calls)).not.toContain('a@example.com');
    warn.mockRestore();
  });

  it('sends through one transport from the SMTP_* settings, from SMTP_FROM unless the message names a sender, and closes it at shutdown', async () => {
    const mailer = new Mailer(env({ SMTP_HOST: 'smtp.test', SMTP_PORT: 2525, SMTP_SECURE: false, SMTP_USER: 'u', SMTP_PASSWORD: 'p', SMTP_FROM: 'CRM <crm@test>' }));
    expect(await mailer.send({ to: 'a@example.com', subject: 'One', text: '1' })).toBe(true);
    await mailer.send({ from: 'other@test', to: 'b@example.com', subject: 'Two', text: '2' });
    expect(nodemailer.createTransport).toHaveBeenCalledTimes(1);
    expect(nodemailer.createTransport).toHaveBeenCalledWith({ host: 'smtp.test', port: 2525, secure: false, auth: { user: 'u', pass: 'p' } });
    expect(sendMail.mock.calls).toEqual([
      [{ from: 'CRM <crm@test>', to: 'a@example.com', subject: 'One', text: '1' }],
      [{ from: 'other@test', to: 'b@example.com', subject: 'Two', text: '2' }],
    ]);
    mailer.onApplicationShutdown();
    expect(close).toHaveBeenCalledTimes(1);
  });
});
