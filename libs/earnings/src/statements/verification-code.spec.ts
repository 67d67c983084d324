import { newVerificationCode, normalizedVerificationCode } from './verification-code';

describe('verification codes', () => {
  it('carries 80 random bits, 16 characters of Crockford base32 in four groups', () => {
    const codes = new Set(Array.from({ length: 2000 }, newVerificationCode));
    expect(codes.size).toBe(2000);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    const used = new Set([...codes].join('').replace(/-/g, ''));
    expect(used.size).toBe(32);
  });

  it('reads a code as typed: any case, spaces or no dashes, O for 0 and I or L for 1', () => {
    const code = newVerificationCode();
    expect(normalizedVerificationCode(code)).toBe(code);
    expect(normalizedVerificationCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
    expect(normalizedVerificationCode('7kq2 m9xd 4htb owze')).toBe('7KQ2-M9XD-4HTB-0WZE');
    expect(normalizedVerificationCode('ILLI-0000-0000-0000')).toBe('1111-0000-0000-0000');
    for (const typed of ['', '7KQ2-M9XD-4HTB', '7KQ2-M9XD-4HTB-0WZEX', '7KQ2-M9XD-4HTB-0WZU', '<script>']) {
      expect(normalizedVerificationCode(typed)).toBeNull();
    }
  });
});
