import { createTransport } from 'nodemailer';
import { SmtpSink } from './smtp.sink';

describe('SmtpSink', () => {
  it('keeps each message sent to it, parsed, with its recipients', async () => {
    const sink = await SmtpSink.start();
    try {
      const transport = createTransport({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true });
      await transport.sendMail({ from: 'app@example.test', to: 'Ann <ANN@example.test>, bob@example.test', subject: 'Hello', text: 'Body' });
      expect(sink.messages).toHaveLength(1);
      expect(sink.messages[0].subject).toBe('Hello');
      expect(SmtpSink.recipients(sink.messages[0])).toEqual(['ann@example.test', 'bob@example.test']);
      expect(SmtpSink.sentTo(sink.messages[0], 'Bob@Example.test')).toBe(true);
      expect(SmtpSink.sentTo(sink.messages[0], 'carol@example.test')).toBe(false);
    } finally {
      await sink.stop();
    }
  });
});
