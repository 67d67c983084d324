import { formatDuration, formatProgress, ProgressBar, ProgressStream } from './progress-bar';

/** A stream that records what is written, and a clock the test moves by hand. */
function aStream(isTTY: boolean): ProgressStream & { writes: string[] } {
  const writes: string[] = [];
  return { isTTY, writes, write: (text: string) => writes.push(text) };
}

function aClock(): { now: () => number; advance: (ms: number) => void } {
  let time = 1_000;
  return { now: () => time, advance: (ms) => (time += ms) };
}

describe('formatProgress', () => {
  it('shows the label, a proportional bar, the counts, the rate and the time left', () => {
    expect(formatProgress({ label: 'missions', done: 60_000, total: 100_000, elapsedMs: 5_000 }, 10)).toBe(
      'missions [██████░░░░] 60,000/100,000  12,000/s  ETA 0:03',
    );
  });

  it('has an empty bar and an unknown ETA before anything is done', () => {
    expect(formatProgress({ label: 'users', done: 0, total: 20, elapsedMs: 0 }, 4)).toBe('users [░░░░] 0/20  0/s  ETA --:--');
  });

  it('has a full bar and no time left once everything is done', () => {
    expect(formatProgress({ label: 'bids', done: 1_000_000, total: 1_000_000, elapsedMs: 250_000 }, 4)).toBe(
      'bids [████] 1,000,000/1,000,000  4,000/s  ETA 0:00',
    );
  });

  it('never draws past the end of the bar, even when the count overshoots', () => {
    expect(formatProgress({ label: 'x', done: 15, total: 10, elapsedMs: 1_000 }, 4)).toContain('[████]');
  });

  it('treats an empty job as complete', () => {
    expect(formatProgress({ label: 'x', done: 0, total: 0, elapsedMs: 10 }, 2)).toBe('x [██] 0/0  0/s  ETA 0:00');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0:00'],
    [999, '0:01'],
    [65_000, '1:05'],
    [3_723_000, '1:02:03'],
    [undefined, '--:--'],
    [Infinity, '--:--'],
  ])('formats %p ms as %p', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});

describe('ProgressBar', () => {
  it('prints a plain line at every tenth when the stream is not a terminal', () => {
    const stream = aStream(false);
    const clock = aClock();
    const bar = new ProgressBar('missions', 100, stream, clock.now);
    for (let i = 0; i < 100; i++) {
      clock.advance(10);
      bar.advance(1);
    }
    bar.finish();

    expect(stream.writes).toHaveLength(10);
    expect(stream.writes.every((line) => line.endsWith('\n') && !line.includes('\r'))).toBe(true);
    expect(stream.writes[0]).toContain(' 10/100 ');
    expect(stream.writes[9]).toContain(' 100/100 ');
  });

  it('prints the final line on finish when the last tenth was not reached', () => {
    const stream = aStream(false);
    const bar = new ProgressBar('users', 10, stream, aClock().now);
    bar.finish();

    expect(stream.writes).toEqual([expect.stringContaining(' 0/10 ')]);
  });

  it('redraws one line in place at most every 100 ms on a terminal, and ends it on finish', () => {
    const stream = aStream(true);
    const clock = aClock();
    const bar = new ProgressBar('missions', 1_000, stream, clock.now);
    for (let i = 0; i < 50; i++) {
      clock.advance(10);
      bar.advance(10);
    }
    const elapsed = bar.finish();

    // 500 ms of work: the first call draws, then one redraw per 100 ms, then the final state.
    expect(stream.writes.filter((text) => text.startsWith('\r'))).toHaveLength(6);
    expect(stream.writes.at(-2)).toContain(' 500/1,000 ');
    expect(stream.writes.at(-1)).toBe('\n');
    expect(elapsed).toBe(500);
  });

  it('wipes the rest of a longer previous line when redrawing', () => {
    const stream = aStream(true);
    const clock = aClock();
    const bar = new ProgressBar('x', 1_000_000, stream, clock.now);
    clock.advance(1);
    bar.advance(999_999); // a huge rate: a long line
    clock.advance(1_000_000);
    bar.advance(1); // a tiny rate: a shorter line

    const [first, second] = stream.writes;
    expect(second.length).toBeGreaterThanOrEqual(first.length);
    expect(second.trimEnd().length).toBeLessThan(first.length);
  });
});
