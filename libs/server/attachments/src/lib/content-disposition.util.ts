/**
 * The name a file is kept under: the last path segment of what the client sent, without control
 * characters, at most 255 characters; `file` when nothing is left.
 */
export function safeFileName(original: string | undefined): string {
  const base = (original ?? '').split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '').trim();
  const trimmed = [...clean].slice(0, 255).join('');
  return trimmed === '' || trimmed === '.' || trimmed === '..' ? 'file' : trimmed;
}

/** RFC 8187 percent-encoding (encodeURIComponent leaves ' ( ) * which must be encoded too). */
const encodeExtValue = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>` (RFC 6266): the
 * quoted name has no quote, backslash, control or non-ASCII character, so a name cannot break
 * out of the header or inject another parameter.
 */
export function contentDisposition(fileName: string): string {
  const name = safeFileName(fileName);
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeExtValue(name)}`;
}
