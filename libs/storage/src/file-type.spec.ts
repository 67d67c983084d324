import { detectFileType, InspectedFile } from './file-type';

describe('detectFileType', () => {
  it('recognises JPEG, PNG and PDF by their first bytes', () => {
    expect(detectFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(detectFileType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe('image/png');
    expect(detectFileType(Buffer.from('%PDF-1.7\n%âãÏÓ'))).toBe('application/pdf');
  });

  it('refuses anything else, however it is named', () => {
    expect(detectFileType(Buffer.from('MZ\x90\x00\x03\x00\x00\x00'))).toBeNull(); // a Windows executable
    expect(detectFileType(Buffer.from('\x7fELF\x02\x01\x01'))).toBeNull();
    expect(detectFileType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(detectFileType(Buffer.alloc(0))).toBeNull();
    expect(detectFileType(Buffer.from([0xff, 0xd8, 0xff]))).toBeNull(); // a signature and nothing after it
  });
});

describe('InspectedFile', () => {
  async function read(chunks: Buffer[]): Promise<Buffer> {
    async function* file() {
      yield* chunks;
    }
    const inspected = new InspectedFile(file(), { mimeTypes: ['image/jpeg', 'image/png'], described: 'a JPEG or PNG image' });
    const out: Buffer[] = [];
    for await (const chunk of inspected) out.push(chunk);
    return Buffer.concat(out);
  }

  it('passes an accepted type through, even when its signature arrives split over chunks', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    expect(await read([png.subarray(0, 2), png.subarray(2)])).toEqual(png);
  });

  it('refuses a recognised type the route does not take, naming what it takes', async () => {
    await expect(read([Buffer.from('%PDF-1.7\n')])).rejects.toThrow('file: must be a JPEG or PNG image');
  });
});
