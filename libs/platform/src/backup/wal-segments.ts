/**
 * WAL segment file names (timeline, then the segment number split in two 8-hex-digit halves), as
 * PostgreSQL's XLogFileName builds them, and the run of segments a backup needs.
 */

/** `16/B374D848` → its byte position. */
export function parseLsn(lsn: string): bigint {
  const match = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(lsn);
  if (!match) throw new Error(`Not a WAL location: ${lsn}`);
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

function segmentsPerLogId(segmentSize: number): bigint {
  return 0x1_0000_0000n / BigInt(segmentSize);
}

function hex8(value: bigint | number): string {
  return value.toString(16).toUpperCase().padStart(8, '0');
}

export function segmentName(timeline: number, segmentNumber: bigint, segmentSize: number): string {
  const perLogId = segmentsPerLogId(segmentSize);
  return `${hex8(timeline)}${hex8(segmentNumber / perLogId)}${hex8(segmentNumber % perLogId)}`;
}

export function parseSegmentName(name: string, segmentSize: number): { timeline: number; segmentNumber: bigint } {
  if (!/^[0-9A-F]{24}$/.test(name)) throw new Error(`Not a WAL segment file name: ${name}`);
  return {
    timeline: Number.parseInt(name.slice(0, 8), 16),
    segmentNumber: BigInt(`0x${name.slice(8, 16)}`) * segmentsPerLogId(segmentSize) + BigInt(`0x${name.slice(16)}`),
  };
}

/**
 * Every segment from `startSegment` (the backup label's START WAL LOCATION file) to the one holding
 * the last byte before `stopLsn` (pg_backup_stop's end location: as pg_walfile_name, a location on a
 * segment boundary belongs to the segment before it), on the start's timeline.
 */
export function segmentsOfBackup(startSegment: string, stopLsn: string, segmentSize: number): string[] {
  const { timeline, segmentNumber: first } = parseSegmentName(startSegment, segmentSize);
  const last = (parseLsn(stopLsn) - 1n) / BigInt(segmentSize);
  if (last < first) throw new Error(`The stop location ${stopLsn} comes before the start segment ${startSegment}`);
  const names: string[] = [];
  for (let segment = first; segment <= last; segment++) names.push(segmentName(timeline, segment, segmentSize));
  return names;
}

/** What pg_backup_stop's backup label says of the start: its WAL file and timeline. */
export function labelStart(labelFile: string): { segment: string; timeline: number } {
  const segment = /^START WAL LOCATION: [0-9A-F]+\/[0-9A-F]+ \(file ([0-9A-F]{24})\)$/m.exec(labelFile)?.[1];
  const timeline = /^START TIMELINE: (\d+)$/m.exec(labelFile)?.[1];
  if (!segment || !timeline) throw new Error(`The backup label names no start WAL file or timeline:\n${labelFile}`);
  return { segment, timeline: Number(timeline) };
}
