/**
 * The seed's progress, on stderr so that stdout keeps only the command's result (cli-progress):
 * one line redrawn in place on a terminal; in a log or a pipe, a plain line every few seconds and
 * the final one, so CI logs stay short and free of cursor codes.
 */
import { Presets, SingleBar } from 'cli-progress';

export type ProgressStream = NodeJS.WritableStream & { isTTY?: boolean };

const grouped = (value: number, _options: unknown, type: string) =>
  type === 'value' || type === 'total' ? value.toLocaleString('en-US') : String(value);

export function startProgress(label: string, total: number, stream: ProgressStream = process.stderr): SingleBar {
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {value}/{total}  {percentage}%  ETA {eta_formatted}`,
      stream,
      barsize: 24,
      noTTYOutput: true,
      notTTYSchedule: 5000,
      formatValue: grouped,
      hideCursor: stream.isTTY === true,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return bar;
}
