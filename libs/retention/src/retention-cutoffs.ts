import { Clock } from '@marketplace/common';
import { AppConfig, InjectConfig } from '@marketplace/config';
import { Injectable } from '@nestjs/common';
import { cutoffOf, RetentionRule } from './retention-rules';

/** The rules' cutoffs on the injected clock (tests move it) and the operator's settings. */
@Injectable()
export class RetentionCutoffs {
  constructor(
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  /** What ended before this instant is past the rule's period. */
  of(rule: RetentionRule, now = this.clock.now()): Date {
    return cutoffOf(rule, now, this.config);
  }
}
