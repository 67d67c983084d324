import { loadAppConfig } from '@marketplace/config';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isWellFormedPeriod } from './retention-period';
import { periodOf, RETENTION_RULES, RetentionRule } from './retention-rules';

const RULES = Object.entries(RETENTION_RULES) as [string, RetentionRule][];
const RECORD_OF_PROCESSING = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'personal-data.md'), 'utf8');

describe('the retention rules', () => {
  const loaded = loadAppConfig({ NODE_ENV: 'test' });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const config = loaded.config;

  it.each(RULES)('%s says what it keeps, where, from when, for how long, and why', (_id, rule) => {
    expect([rule.data, rule.storedIn, rule.from, rule.basis.reason].every((text) => text.trim().length > 10)).toBe(true);
    expect(isWellFormedPeriod(periodOf(rule, config))).toBe(true);
    // A period set by law or by the CNIL names its text.
    if (rule.basis.setBy !== 'OUR_DECISION') expect(rule.basis.source.length).toBeGreaterThan(10);
  });

  // That each job named has its handler is test/retention.e2e-spec.ts' to check, in the running app.
  it.each(RULES)('%s has a purge: a job, or the year its first data falls due', (_id, rule) => {
    const { purge } = rule;
    if ('job' in purge) expect(purge.job).toMatch(/^[a-z-]+:[a-z-]+$/);
    else expect(purge.firstDueIn).toBeGreaterThan(2026);
  });

  it('periods an operator may change name their setting, which has a value', () => {
    const configured = RULES.filter(([, rule]) => 'setting' in rule.period);
    expect(configured.map(([, rule]) => 'setting' in rule.period && rule.period.setting).sort()).toEqual([
      'IDENTITY_DOCUMENT_RETENTION_DAYS',
      'IDENTITY_DOCUMENT_RETENTION_DAYS',
      'PHOTO_UNATTACHED_RETENTION_HOURS',
    ]);
  });

  it('are each in the record of processing (docs/personal-data.md), under their name', () => {
    expect(RULES.map(([id]) => id).filter((id) => !RECORD_OF_PROCESSING.includes(`\`${id}\``))).toEqual([]);
  });
});
