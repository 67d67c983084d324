import { detectDocumentType } from './document-content-type';

describe('detectDocumentType', () => {
  it('recognises JPEG, PNG and PDF by their first bytes', () => {
    expect(detectDocumentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(detectDocumentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe('image/png');
    expect(detectDocumentType(Buffer.from('%PDF-1.7\n%âãÏÓ'))).toBe('application/pdf');
  });

  it('refuses anything else, however it is named', () => {
    expect(detectDocumentType(Buffer.from('MZ\x90\x00\x03\x00\x00\x00'))).toBeNull(); // a Windows executable
    expect(detectDocumentType(Buffer.from('\x7fELF\x02\x01\x01'))).toBeNull();
    expect(detectDocumentType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(detectDocumentType(Buffer.alloc(0))).toBeNull();
    expect(detectDocumentType(Buffer.from([0xff, 0xd8, 0xff]))).toBeNull(); // a signature and nothing after it
  });
});
