import { UnsupportedMediaTypeException } from '@nestjs/common';
import { checkContent, normalizeContentType } from './attachment-content.validator';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13], 'IHDR');
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF');
const PDF = bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj');
const ZIP = bytes('PK\x03\x04', [20, 0, 0, 0], '[Content_Types].xml');
const EXE = bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0], 'This program cannot be run in DOS mode');
const ELF = bytes('\x7fELF', [2, 1, 1, 0]);
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const refused = (declared: string, head: Buffer, name = 'f') => {
  try {
    checkContent(declared, name, head);
  } catch (e) {
    expect(e).toBeInstanceOf(UnsupportedMediaTypeException);
    return (e as UnsupportedMediaTypeException).message;
  }
  throw new Error(`${declared} was accepted`);
};

describe('attachment content checks', () => {
  it('accepts each allowed binary type whose first bytes agree', () => {
    expect(checkContent('application/pdf', 'a.pdf', PDF)).toBe('application/pdf');
    expect(checkContent('image/png', 'a.png', PNG)).toBe('image/png');
    expect(checkContent('image/jpeg', 'a.jpg', JPEG)).toBe('image/jpeg');
    expect(checkContent('image/gif', 'a.gif', bytes('GIF89a', [1, 0, 1, 0]))).toBe('image/gif');
    expect(checkContent('image/webp', 'a.webp', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp');
    expect(checkContent(DOCX, 'a.docx', ZIP)).toBe(DOCX);
    expect(checkContent('application/zip', 'a.zip', bytes('PK\x05\x06', new Array(18).fill(0)))).toBe('application/zip');
  });

  it('refuses an executable renamed .pdf, .png, .docx or .zip', () => {
    for (const type of ['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp', DOCX, 'application/zip']) {
      expect(refused(type, EXE, 'invoice.pdf')).toBe(`The file's content is not ${type}`);
    }
  });

  it('refuses a binary type whose bytes are another allowed type (a PNG declared as a PDF)', () => {
    expect(refused('application/pdf', PNG)).toMatch(/not application\/pdf/);
    expect(refused('image/png', JPEG)).toMatch(/not image\/png/);
    expect(refused('image/webp', bytes('RIFF', [0, 0, 0, 0], 'WAVE'))).toMatch(/not image\/webp/);
  });

  it('accepts text and CSV, including UTF-8 and UTF-16 with a byte-order mark, but not binaries declared as text', () => {
    expect(checkContent('text/plain; charset=utf-8', 'a.txt', Buffer.from('héllo wörld\n'))).toBe('text/plain');
    expect(checkContent('text/csv', 'a.csv', Buffer.from('name,amount\n"Acme, Inc.",12\n'))).toBe('text/csv');
    expect(checkContent('text/plain', 'a.txt', Buffer.from('\ufeffhi', 'utf16le'))).toBe('text/plain');
    expect(checkContent('text/plain', 'empty.txt', Buffer.alloc(0))).toBe('text/plain');
    expect(refused('text/plain', EXE, 'readme.txt')).toMatch(/not text\/plain/);
    expect(refused('text/csv', ELF)).toMatch(/not text\/csv/);
    expect(refused('text/plain', bytes('abc', [0], 'def'))).toMatch(/not text\/plain/);
    expect(refused('text/plain', PDF)).toMatch(/not text\/plain/);
  });

  it('refuses types outside the allowlist, naming the type and the allowed ones', () => {
    const message = refused('application/x-msdownload', EXE, 'setup.exe');
    expect(message).toMatch(/^Files of type application\/x-msdownload are not accepted; allowed: application\/pdf, image\/png/);
    expect(refused('text/html', Buffer.from('<script>alert(1)</script>'))).toMatch(/text\/html are not accepted/);
    expect(refused('image/svg+xml', Buffer.from('<svg/>'))).toMatch(/not accepted/);
    expect(refused('application/octet-stream', PDF)).toMatch(/not accepted/);
    expect(refused('', PDF)).toMatch(/Files of type \(none\)/);
  });

  it('normalizes case, parameters and common aliases', () => {
    expect(normalizeContentType('Image/JPG')).toBe('image/jpeg');
    expect(normalizeContentType('application/pdf; name="x"')).toBe('application/pdf');
    expect(normalizeContentType('application/x-zip-compressed')).toBe('application/zip');
    expect(normalizeContentType('application/vnd.ms-excel', 'export.CSV')).toBe('text/csv');
    expect(normalizeContentType('application/vnd.ms-excel', 'book.xls')).toBeNull();
  });
});
