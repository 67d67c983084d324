/**
 * Label values chosen by clients (GraphQL operation names, event types) kept to a bounded set:
 * the first `capacity` distinct values seen by this process are kept as they are, any later one is
 * counted under OTHER, so a client inventing names cannot grow the metrics without end.
 */
export const OTHER = '(other)';

const LABEL_VALUE = /^[_A-Za-z][_0-9A-Za-z.]{0,63}$/;

export class BoundedLabels {
  private readonly seen = new Set<string>();

  constructor(private readonly capacity: number) {}

  of(value: string): string {
    if (this.seen.has(value)) return value;
    if (!LABEL_VALUE.test(value) || this.seen.size >= this.capacity) return OTHER;
    this.seen.add(value);
    return value;
  }
}
