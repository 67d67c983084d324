import { BoundedLabels, OTHER } from './bounded-labels';

describe('BoundedLabels', () => {
  it('keeps the first values seen, and counts any later or malformed one as (other)', () => {
    const labels = new BoundedLabels(2);
    expect(labels.of('Search')).toBe('Search');
    expect(labels.of('payment_intent.succeeded')).toBe('payment_intent.succeeded');
    expect(labels.of('Search')).toBe('Search');
    expect(labels.of('ThirdName')).toBe(OTHER);
    expect(new BoundedLabels(10).of('not a name {')).toBe(OTHER);
    expect(new BoundedLabels(10).of('x'.repeat(65))).toBe(OTHER);
  });
});
