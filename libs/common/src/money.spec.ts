import { platformFeeCents } from './money';

describe('platform fee', () => {
  it('is the amount times the rate in basis points, rounded to the cent', () => {
    expect(platformFeeCents(12_000, 1000)).toBe(1200);
    expect(platformFeeCents(505, 1000)).toBe(51);
    expect(platformFeeCents(504, 1000)).toBe(50);
    expect(platformFeeCents(99_999, 1250)).toBe(12_500);
    expect(platformFeeCents(12_000, 0)).toBe(0);
  });
});
