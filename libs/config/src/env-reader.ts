import { isIP } from 'node:net';

/** Reads typed values out of environment variables, collecting one problem line per bad variable. */
export class ConfigProblems {
  private readonly problems = new Map<string, string>();

  add(variable: string, problem: string): void {
    if (!this.problems.has(variable)) this.problems.set(variable, `${variable} ${problem}`);
  }

  isEmpty(): boolean {
    return this.problems.size === 0;
  }

  lines(): string[] {
    return [...this.problems.values()];
  }
}

interface Range {
  min: number;
  max: number;
}

export class EnvReader {
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly problems: ConfigProblems,
  ) {}

  private raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  /** An IP address or a host name to listen on. */
  host(name: string, fallback: string): string {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (isIP(value) || /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(value)) return value;
    this.problems.add(name, `must be an IP address or a host name to listen on (got "${value}")`);
    return fallback;
  }

  optionalString(name: string, { minLength }: { minLength: number }): string | undefined {
    const value = this.raw(name);
    if (value !== undefined && value.length < minLength) {
      this.problems.add(name, `must be at least ${minLength} characters long`);
      return undefined;
    }
    return value;
  }

  optionalPattern(name: string, pattern: RegExp, description: string): string | undefined {
    const value = this.raw(name);
    if (value !== undefined && !pattern.test(value)) {
      this.problems.add(name, `must be ${description}`);
      return undefined;
    }
    return value;
  }

  integer(name: string, fallback: number, range: Range): number {
    return this.optionalInteger(name, range) ?? fallback;
  }

  optionalInteger(name: string, { min, max }: Range): number | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    const parsed = /^-?\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      this.problems.add(name, `must be a whole number from ${min} to ${max} (got "${value}")`);
      return undefined;
    }
    return parsed;
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['true', '1', 'yes'].includes(value)) return true;
    if (['false', '0', 'no'].includes(value)) return false;
    this.problems.add(name, `must be true or false (got "${value}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    return this.optionalOneOf(name, allowed) ?? fallback;
  }

  optionalOneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problems.add(name, `must be one of ${allowed.join(', ')} (got "${value}")`);
    return undefined;
  }

  optionalUrl(name: string, protocols: string[]): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    try {
      if (protocols.includes(new URL(value).protocol)) return value;
    } catch {
      // reported below
    }
    this.problems.add(name, `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);
    return undefined;
  }

  /** A symmetric key given as hex or base64; it must decode to exactly `bytes` bytes. */
  optionalKey(name: string, bytes: number): Buffer | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    const key = decodedKey(value);
    if (key.length !== bytes) {
      this.problems.add(name, `must be ${bytes} bytes, given as ${bytes * 2} hex characters or base64`);
      return undefined;
    }
    return key;
  }

  /** Keys as `optionalKey` reads one, separated by commas; none when unset. */
  keyList(name: string, bytes: number): Buffer[] {
    const value = this.raw(name);
    if (value === undefined) return [];
    const keys = value.split(',').map((part) => decodedKey(part.trim()));
    if (keys.some((key) => key.length !== bytes)) {
      this.problems.add(name, `must be keys of ${bytes} bytes each (${bytes * 2} hex characters or base64), separated by commas`);
      return [];
    }
    return keys;
  }
}

function decodedKey(value: string): Buffer {
  return /^[0-9a-fA-F]+$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
}
