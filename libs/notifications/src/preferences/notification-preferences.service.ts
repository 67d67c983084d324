import { BadUserInputError } from '@marketplace/common';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { isEmailedKind, isSecurityKind, NotificationKind } from '../notification-kind';
import { NotificationPreference } from './notification-preference.entity';
import { UnsubscribeLinks } from './unsubscribe-links';

export interface KindPreference {
  kind: NotificationKind;
  email: boolean;
  /** A security kind: always sent. */
  required: boolean;
}

/** Per user and kind, whether its emails are sent; security kinds always are. */
@Injectable()
export class NotificationPreferencesService {
  constructor(
    @InjectRepository(NotificationPreference) private readonly preferences: Repository<NotificationPreference>,
    private readonly unsubscribeLinks: UnsubscribeLinks,
  ) {}

  /** Every kind that has an email, in the enum's order, with the user's choice (on unless turned off). */
  async of(userId: string): Promise<KindPreference[]> {
    const chosen = await this.preferences.findBy({ userId });
    return Object.values(NotificationKind)
      .filter(isEmailedKind)
      .map((kind) => {
        const required = isSecurityKind(kind);
        return { kind, required, email: required || (chosen.find((row) => row.kind === kind)?.email ?? true) };
      });
  }

  async update(userId: string, changes: { kind: NotificationKind; email: boolean }[]): Promise<KindPreference[]> {
    const kinds = changes.map((change) => change.kind);
    const repeated = kinds.find((kind, index) => kinds.indexOf(kind) !== index);
    if (repeated) throw BadUserInputError.forField('preferences', `${repeated} is given twice`);
    const inAppOnly = changes.find((change) => !isEmailedKind(change.kind));
    if (inAppOnly) throw BadUserInputError.forField('preferences', `${inAppOnly.kind} is shown in the app only: it has no email`);
    const locked = changes.find((change) => isSecurityKind(change.kind) && !change.email);
    if (locked) throw BadUserInputError.forField('preferences', `${locked.kind} emails protect your account and cannot be turned off`);
    const rows = changes.filter((change) => !isSecurityKind(change.kind)).map((change) => ({ userId, ...change }));
    if (rows.length > 0) await this.preferences.upsert(rows, ['userId', 'kind']);
    return this.of(userId);
  }

  /** What an unsubscribe link does: its kind's emails stop (again and again: the link may be followed twice). */
  async unsubscribe(token: string): Promise<NotificationKind> {
    const { userId, kind } = this.unsubscribeLinks.read(token);
    await this.preferences.upsert({ userId, kind, email: false }, ['userId', 'kind']).catch((error: { code?: string }) => {
      // foreign_key_violation: the account was deleted since, and there is nothing to turn off.
      if (error.code !== '23503') throw error;
    });
    return kind;
  }

  async wantsEmail(manager: EntityManager, userId: string, kind: NotificationKind): Promise<boolean> {
    return (await manager.findOneBy(NotificationPreference, { userId, kind }))?.email ?? true;
  }
}
