/** Small but real files, as a phone camera or a scanner would upload them. */
export const A_JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF identity card of Camille Martin'),
]);
export const A_PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR passport scan')]);
export const A_PDF = Buffer.from('%PDF-1.7\nresidence permit of Camille Martin\n%%EOF');
/** A Windows executable renamed to look like a photo. */
export const AN_EXECUTABLE = Buffer.from('MZ\x90\x00\x03\x00\x00\x00 This program cannot be run in DOS mode.');
