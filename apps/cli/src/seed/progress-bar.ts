/**
 * A dependency-free progress bar for long CLI commands, written to stderr so that stdout keeps only
 * the command's result. On a terminal it redraws one line in place (at most ~10 times a second);
 * in a log or a pipe it prints a plain line every 10%, so CI logs stay short.
 */

export interface ProgressSnapshot {
  label: string;
  done: number;
  total: number;
  elapsedMs: number;
}

const BAR_WIDTH = 24;
const REDRAW_EVERY_MS = 100;

/** `missions [██████░░░░] 60,000/100,000  12,345/s  ETA 0:03`: pure, for the tests. */
export function formatProgress({ label, done, total, elapsedMs }: ProgressSnapshot, width = BAR_WIDTH): string {
  const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
  const filled = Math.round(fraction * width);
  const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const eta = done >= total ? 0 : rate > 0 ? ((total - done) * 1000) / rate : undefined;
  return `${label} [${bar}] ${count(done)}/${count(total)}  ${count(Math.round(rate))}/s  ETA ${formatDuration(eta)}`;
}

/** `m:ss`, or `h:mm:ss` from an hour; `--:--` when it cannot be known yet. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '--:--';
  const totalSeconds = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = String(totalSeconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** Where the bar goes: process.stderr, or a fake in the tests. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export class ProgressBar {
  private done = 0;
  private readonly startedAt: number;
  private lastDrawAt = -Infinity;
  private lastWidth = 0;
  private printedTenths = 0;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly stream: ProgressStream = process.stderr,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.startedAt = now();
  }

  advance(count: number): void {
    this.done = Math.min(this.total, this.done + count);
    if (this.stream.isTTY) {
      if (this.now() - this.lastDrawAt >= REDRAW_EVERY_MS) this.redraw();
      return;
    }
    const tenths = this.total > 0 ? Math.floor((this.done * 10) / this.total) : 10;
    if (tenths > this.printedTenths) {
      this.printedTenths = tenths;
      this.stream.write(`${this.line()}\n`);
    }
  }

  /** Draws the final state and ends the line; the elapsed time is returned for the summary. */
  finish(): number {
    if (this.stream.isTTY) {
      this.redraw();
      this.stream.write('\n');
    } else if (this.printedTenths < 10) {
      this.printedTenths = 10;
      this.stream.write(`${this.line()}\n`);
    }
    return this.now() - this.startedAt;
  }

  private redraw(): void {
    this.lastDrawAt = this.now();
    const line = this.line();
    // Spaces wipe the end of a longer previous line (the rate or the ETA may shrink).
    this.stream.write(`\r${line}${' '.repeat(Math.max(0, this.lastWidth - line.length))}`);
    this.lastWidth = line.length;
  }

  private line(): string {
    return formatProgress({ label: this.label, done: this.done, total: this.total, elapsedMs: this.now() - this.startedAt });
  }
}
