import { contentDisposition, safeFileName } from './content-disposition.util';

describe('file names', () => {
  it('keeps only the last path segment, without control characters', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\me\\report.pdf')).toBe('report.pdf');
    expect(safeFileName('bad\r\nname\u0000.txt')).toBe('badname.txt');
    expect(safeFileName('evil\u202egpj.exe')).toBe('evilgpj.exe');
    expect(safeFileName('..')).toBe('file');
    expect(safeFileName('   ')).toBe('file');
    expect(safeFileName(undefined)).toBe('file');
    expect([...safeFileName(`${'é'.repeat(300)}.pdf`)]).toHaveLength(255);
  });

  it('builds a Content-Disposition that no name can break out of', () => {
    expect(contentDisposition('report.pdf')).toBe(`attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
    const tricky = contentDisposition('a"; filename="evil.exe%.pdf');
    expect(tricky).toBe(`attachment; filename="a_; filename=_evil.exe_.pdf"; filename*=UTF-8''a%22%3B%20filename%3D%22evil.exe%25.pdf`);
    expect(tricky.match(/"/g)).toHaveLength(2);
    expect(contentDisposition('Angebot für Müller (2).pdf')).toBe(`attachment; filename="Angebot f_r M_ller (2).pdf"; filename*=UTF-8''Angebot%20f%C3%BCr%20M%C3%BCller%20%282%29.pdf`);
    expect(contentDisposition('line\r\nX-Injected: 1')).not.toMatch(/[\r\n]/);
    expect(decodeURIComponent(contentDisposition('日本語.txt').split("UTF-8''")[1])).toBe('日本語.txt');
  });
});
