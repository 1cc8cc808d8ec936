import { BadRequestException } from '@nestjs/common';
import { parseInboundEmail } from './inbound-email.parser';
import { parseMimeEmail } from './mime-email.parser';

const fieldsOf = (body: string) => {
  try {
    parseInboundEmail(Buffer.from(body));
  } catch (e) {
    if (e instanceof BadRequestException) return (e.getResponse() as { details: { field: string }[] }).details.map((d) => d.field).sort();
    throw e;
  }
  return [];
};

describe('parseInboundEmail', () => {
  it('reads the provider-neutral JSON, addresses trimmed and lower-cased', () => {
    const email = parseInboundEmail(Buffer.from(JSON.stringify({ message_id: ' <a@b> ', from: { address: ' Ada@Acme.TEST ' }, to: [{ address: 'x@y.test', name: 'X' }], attachments: [{ file_name: 'a.txt', content_type: 'text/plain', content_base64: 'aGk=' }] })));
    expect(email).toMatchObject({ messageId: '<a@b>', from: { address: 'ada@acme.test', name: null }, to: [{ address: 'x@y.test', name: 'X' }], cc: [], subject: '' });
    expect(email.attachments[0].content.toString()).toBe('hi');
  });

  it('names each bad field', () => {
    expect(fieldsOf('[]')).toEqual(['body']);
    expect(fieldsOf('nope')).toEqual(['body']);
    expect(fieldsOf(JSON.stringify({ from: { address: 'x' }, to: 'x@y.test', extra: 1 }))).toEqual(['extra', 'from.address', 'message_id', 'to']);
  });
});

describe('parseMimeEmail', () => {
  it('reads a message: participants lower-cased, a missing Message-ID made from the bytes hash', async () => {
    const raw = Buffer.from('From: "Ada L" <Ada@Acme.test>\r\nTo: a@x.test, Team: b@x.test;\r\nSubject: Hi\r\n\r\nHello\r\n');
    const email = await parseMimeEmail(raw, null, 'abc');
    expect(email).toMatchObject({ messageId: '<sha256-abc@clockwork.generated>', from: { address: 'ada@acme.test', name: 'Ada L' }, to: [{ address: 'a@x.test' }, { address: 'b@x.test' }], subject: 'Hi' });
    expect(email.text?.trim()).toBe('Hello');
  });
});
