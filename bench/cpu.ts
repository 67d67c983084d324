/**
 * Where the machine's CPU went during a scenario, in cores: the API process, PostgreSQL (the bench's
 * server and its backends), the bench process itself (the load generator) and anything else running
 * on the machine, which on 2 cores changes every figure and must be seen to be discounted.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

export interface CpuSplit {
  api: number;
  postgres: number;
  loadGenerator: number;
  /** Other processes on the machine. */
  other: number;
  /** Interrupt and softirq time (loopback TCP is processed there), not charged to any process. */
  interrupts: number;
  /** Time the hypervisor gave to other virtual machines while this one wanted to run. */
  steal: number;
  idle: number;
}

/** [pid, ppid, own ticks, ticks of waited-for children] from /proc/<pid>/stat, or null once gone. */
function processTicks(pid: number | string): [number, number, number, number] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return [Number(pid), Number(fields[1]), Number(fields[11]) + Number(fields[12]), Number(fields[13]) + Number(fields[14])];
  } catch {
    return null;
  }
}

/** The postmaster's own and children's time, dead children included (their time moves to its cutime). */
function postgresTicks(postmasterPid: number): number {
  const postmaster = processTicks(postmasterPid);
  if (!postmaster) return 0;
  let ticks = postmaster[2] + postmaster[3];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const child = processTicks(entry);
    if (child && child[1] === postmasterPid) ticks += child[2];
  }
  return ticks;
}

/** Ticks of the whole machine (all cores), from /proc/stat. */
function machineTicks(): { processes: number; interrupts: number; steal: number; idle: number } {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = values.map(Number);
  return { processes: user + nice + system, interrupts: irq + softirq, steal, idle: idle + iowait };
}

function snapshot(apiPid: number | null, postmasterPid: number) {
  return {
    at: performance.now(),
    machine: machineTicks(),
    api: apiPid === null ? 0 : (processTicks(apiPid)?.[2] ?? 0),
    postgres: postgresTicks(postmasterPid),
    bench: processTicks(process.pid)?.[2] ?? 0,
  };
}

export function cpuMeter(apiPid: number | null, postmasterPid: number): { stop(): CpuSplit } {
  const before = snapshot(apiPid, postmasterPid);
  return {
    stop: () => {
      const after = snapshot(apiPid, postmasterPid);
      const seconds = (after.at - before.at) / 1000;
      const cores = (ticks: number) => Math.round((ticks / TICKS_PER_SECOND / seconds) * 100) / 100;
      const api = after.api - before.api;
      const postgres = after.postgres - before.postgres;
      const bench = after.bench - before.bench;
      const machine = (key: keyof ReturnType<typeof machineTicks>) => after.machine[key] - before.machine[key];
      return {
        api: cores(api),
        postgres: cores(postgres),
        loadGenerator: cores(bench),
        other: cores(Math.max(0, machine('processes') - api - postgres - bench)),
        interrupts: cores(machine('interrupts')),
        steal: cores(machine('steal')),
        idle: cores(machine('idle')),
      };
    },
  };
}

/** The bench server's postmaster, from its pid file. */
export function postmasterPid(dataDir: string): number {
  return Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
}

/**
 * Waits until other processes leave the cores alone (under `threshold` cores over a 2 s window), for at
 * most `maxSeconds`: on a small shared machine, a test suite running beside the bench halves its figures.
 * Gives the seconds waited.
 */
export async function untilQuiet(apiPid: number | null, postmaster: number, maxSeconds: number, threshold = 0.25): Promise<number> {
  const startedAt = performance.now();
  while ((performance.now() - startedAt) / 1000 < maxSeconds) {
    const meter = cpuMeter(apiPid, postmaster);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    if (meter.stop().other < threshold) break;
  }
  return Math.round((performance.now() - startedAt) / 1000);
}
