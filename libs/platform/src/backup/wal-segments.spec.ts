import { labelStart, parseLsn, segmentName, segmentsOfBackup } from './wal-segments';

const MB16 = 16 * 1024 * 1024;

describe('WAL segments of a backup', () => {
  it('names segments as PostgreSQL does, 256 per log id at 16 MB', () => {
    expect(segmentName(1, 2n, MB16)).toBe('000000010000000000000002');
    expect(segmentName(1, 255n, MB16)).toBe('0000000100000000000000FF');
    expect(segmentName(3, 256n, MB16)).toBe('000000030000000100000000');
    expect(parseLsn('1/2000028')).toBe(0x1_0200_0028n);
  });

  it('runs from the label start file to the segment holding the byte before the stop location', () => {
    expect(segmentsOfBackup('000000010000000000000004', '0/7D37068', MB16)).toEqual([
      '000000010000000000000004',
      '000000010000000000000005',
      '000000010000000000000006',
      '000000010000000000000007',
    ]);
    // A stop exactly on a boundary belongs to the segment before it (pg_walfile_name).
    expect(segmentsOfBackup('0000000100000000000000FF', '1/0', MB16)).toEqual(['0000000100000000000000FF']);
    expect(segmentsOfBackup('0000000100000000000000FF', '1/28', MB16)).toEqual(['0000000100000000000000FF', '000000010000000100000000']);
    expect(() => segmentsOfBackup('000000010000000000000004', '0/3000000', MB16)).toThrow(/comes before/);
  });

  it('reads the start file and timeline of a backup label', () => {
    const label = [
      'START WAL LOCATION: 0/4000028 (file 000000010000000000000004)',
      'CHECKPOINT LOCATION: 0/4000060',
      'BACKUP METHOD: streamed',
      'BACKUP FROM: primary',
      'START TIME: 2026-12-02 02:10:00 UTC',
      'LABEL: marketplace backup',
      'START TIMELINE: 1',
      '',
    ].join('\n');
    expect(labelStart(label)).toEqual({ segment: '000000010000000000000004', timeline: 1 });
    expect(() => labelStart('LABEL: nothing else')).toThrow(/names no start WAL file/);
  });
});
