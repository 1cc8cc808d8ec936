import { UnsupportedMediaTypeException } from '@nestjs/common';
import { ATTACHMENT_CONTENT_TYPES, AttachmentContentType } from '@clockwork/shared-dto';

/** How many bytes of the file the checks look at. */
export const SNIFF_BYTES = 8192;

/** Other names clients send for allowed types. */
const ALIASES: Record<string, AttachmentContentType> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'application/x-pdf': 'application/pdf',
  'application/x-zip-compressed': 'application/zip',
  'application/x-zip': 'application/zip',
  'text/x-csv': 'text/csv',
  'application/csv': 'text/csv',
  'text/comma-separated-values': 'text/csv',
};

const startsWith = (head: Buffer, bytes: number[] | string, at = 0) => {
  const sig = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
  return head.length >= at + sig.length && head.subarray(at, at + sig.length).equals(sig);
};

const ZIP = (head: Buffer) => startsWith(head, 'PK\x03\x04') || startsWith(head, 'PK\x05\x06');

/** The first bytes each binary type must start with. */
const MAGIC: Partial<Record<AttachmentContentType, (head: Buffer) => boolean>> = {
  // A PDF header may follow a little junk; readers look within the first 1024 bytes.
  'application/pdf': (head) => head.subarray(0, 1024).includes(Buffer.from('%PDF-')),
  'image/png': (head) => startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': (head) => startsWith(head, [0xff, 0xd8, 0xff]),
  'image/gif': (head) => startsWith(head, 'GIF87a') || startsWith(head, 'GIF89a'),
  'image/webp': (head) => startsWith(head, 'RIFF') && startsWith(head, 'WEBP', 8),
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ZIP,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ZIP,
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ZIP,
  'application/zip': ZIP,
};

/** Executables and other binaries that must not pass as text. */
const BINARY_SIGNATURES: (number[] | string)[] = [
  'MZ', // Windows PE (.exe, .dll)
  '\x7fELF',
  [0xcf, 0xfa, 0xed, 0xfe], // Mach-O
  [0xce, 0xfa, 0xed, 0xfe],
  [0xca, 0xfe, 0xba, 0xbe], // Mach-O universal, Java class
  '%PDF-',
  'PK\x03\x04',
];

/** Text: no NUL bytes (unless UTF-16 with its byte-order mark) and not a known binary format. */
function looksLikeText(head: Buffer): boolean {
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return true;
  if (BINARY_SIGNATURES.some((sig) => startsWith(head, sig))) return false;
  return !head.includes(0);
}

/** `Image/JPG; charset=x` -> `image/jpeg`; null when it is not an allowed type. */
export function normalizeContentType(declared: string | undefined, fileName = ''): AttachmentContentType | null {
  const type = (declared ?? '').split(';')[0].trim().toLowerCase();
  if ((ATTACHMENT_CONTENT_TYPES as readonly string[]).includes(type)) return type as AttachmentContentType;
  if (ALIASES[type]) return ALIASES[type];
  // Windows browsers declare .csv files as Excel's type.
  if (type === 'application/vnd.ms-excel' && /\.csv$/i.test(fileName)) return 'text/csv';
  return null;
}

/**
 * The content type to store for an upload: the declared type must be allowed (415 otherwise)
 * and the file's first bytes must agree with it (415 for, e.g., an executable renamed .pdf).
 */
export function checkContent(declared: string | undefined, fileName: string, head: Buffer): AttachmentContentType {
  const type = normalizeContentType(declared, fileName);
  if (!type) {
    throw new UnsupportedMediaTypeException({
      message: `Files of type ${declared || '(none)'} are not accepted; allowed: ${ATTACHMENT_CONTENT_TYPES.join(', ')}`,
      details: [{ field: 'file', errors: [`file type ${declared || '(none)'} is not accepted`] }],
    });
  }
  const matches = MAGIC[type] ?? looksLikeText;
  if (!matches(head)) {
    throw new UnsupportedMediaTypeException({
      message: `The file's content is not ${type}`,
      details: [{ field: 'file', errors: [`file content does not match its type ${type}`] }],
    });
  }
  return type;
}
