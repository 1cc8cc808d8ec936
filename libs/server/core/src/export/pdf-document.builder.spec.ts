import { newPdfDocument } from './pdf-document.builder';

describe('newPdfDocument', () => {
  it('loads pdfkit on the first document, not when imported', () => {
    jest.isolateModules(() => {
      let loads = 0;
      jest.doMock('pdfkit', () => {
        loads++;
        return jest.requireActual('pdfkit');
      });
      const isolated = require('./pdf-document.builder') as typeof import('./pdf-document.builder');
      expect(loads).toBe(0);
      isolated.newPdfDocument({ size: 'A4' });
      expect(loads).toBe(1);
    });
  });

  it('makes a PDF', async () => {
    const doc = newPdfDocument({ size: 'A4', compress: false });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((resolve) => doc.on('end', resolve));
    doc.text('Hello').end();
    await done;
    expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
