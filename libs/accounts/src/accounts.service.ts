import { assertUuid, Clock, NotFoundError, Role } from '@marketplace/common';
import { asEntity, columnsAsProperties } from '@marketplace/database';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, EntityMetadata, In, IsNull, ObjectLiteral, Repository } from 'typeorm';
import { EmailAlreadyRegisteredError, PasswordIsEmailError, RoleNotGrantableError } from './accounts.errors';
import { RegisterInput } from './dto/register.input';
import { UpdateProfileInput } from './dto/update-profile.input';
import { PasswordHasher } from './password-hasher';
import { normalizePhoneNumber } from './phone-number';
import { ActiveSessions } from './auth/active-sessions';
import { RefreshToken } from './auth/refresh-token.entity';
import { UserBatchJoin } from './user-batch-joins';
import { User } from './user.entity';

const GRANTABLE_ROLES: ReadonlySet<Role> = new Set([Role.MODERATOR, Role.ADMIN]);

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The users' batch statement with other modules' joins, and how to read each join's row from it. */
interface JoinedStatement {
  sql: string;
  joined: { metadata: EntityMetadata; prefix: string; userIdProperty: string }[];
}

/** Users: who they are, what they may do, and whether they may act at all. */
@Injectable()
export class AccountsService {
  private readonly joinedStatements = new WeakMap<readonly UserBatchJoin[], JoinedStatement>();

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly passwords: PasswordHasher,
    private readonly clock: Clock,
    private readonly activeSessions: ActiveSessions,
  ) {}

  /** Creates the account inside the caller's transaction (registration also opens a session). */
  async register(manager: EntityManager, input: RegisterInput): Promise<User> {
    const email = normalizeEmail(input.email);
    if (input.password.trim().toLowerCase() === email) throw new PasswordIsEmailError();
    const passwordHash = await this.passwords.hash(input.password);
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(User)
      .values({ email, passwordHash, displayName: input.displayName, roles: [Role.CLIENT] })
      .orIgnore()
      .returning(['id'])
      .execute();
    const [row] = inserted.raw as { id: string }[];
    if (!row) throw new EmailAlreadyRegisteredError();
    return manager.findOneByOrFail(User, { id: row.id });
  }

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id: assertUuid(id) });
  }

  /** Users are public (as user(id:)): of the ids asked, those that are users, in any order. */
  findByIds(ids: readonly string[]): Promise<User[]> {
    return this.users.findBy({ id: In([...ids]) });
  }

  async getById(id: string): Promise<User> {
    const user = await this.findById(id);
    if (!user) throw new NotFoundError('User');
    return user;
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email: normalizeEmail(email) });
  }

  /** The account with its password hash, to check a password at sign-in. */
  findWithPasswordHash(email: string): Promise<User | null> {
    return this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: normalizeEmail(email) })
      .getOne();
  }

  /** The users, each with its row of every join (see UserBatchJoins), in one statement. */
  async findByIdsJoined(
    ids: readonly string[],
    joins: readonly UserBatchJoin[],
  ): Promise<{ user: User; joined: (ObjectLiteral | undefined)[] }[]> {
    const { sql, joined } = this.joinedStatementOf(joins);
    const rows = (await this.users.query(sql, [ids])) as Record<string, unknown>[];
    return rows.map((row) => ({
      user: asEntity<User>(this.users.metadata, row),
      joined: joined.map((join) =>
        row[join.prefix + join.userIdProperty] === null ? undefined : asEntity(join.metadata, row, join.prefix),
      ),
    }));
  }

  /** The users' batch statement with these joins, written from their entities' metadata once (the joins are fixed after start-up). */
  private joinedStatementOf(joins: readonly UserBatchJoin[]): JoinedStatement {
    let statement = this.joinedStatements.get(joins);
    if (statement) return statement;
    const joined = joins.map((join, index) => {
      const metadata = this.users.manager.connection.getMetadata(join.entity);
      const userId = metadata.findColumnWithPropertyName(join.userIdProperty);
      if (!userId) throw new Error(`${metadata.name} has no column for ${join.userIdProperty}`);
      const alias = `joined${index}`;
      return {
        metadata,
        prefix: `${alias}.`,
        userIdProperty: join.userIdProperty,
        columns: columnsAsProperties(metadata, alias, `${alias}.`),
        sql: `LEFT JOIN "${metadata.tableName}" "${alias}" ON "${alias}"."${userId.databaseName}" = "u"."id"`,
      };
    });
    const columns = [columnsAsProperties(this.users.metadata, 'u'), ...joined.map((join) => join.columns)].join(', ');
    statement = {
      sql: `SELECT ${columns} FROM "users" "u" ${joined.map((join) => join.sql).join(' ')} WHERE "u"."id" = ANY($1)`,
      joined,
    };
    this.joinedStatements.set(joins, statement);
    return statement;
  }

  async updateProfile(userId: string, input: UpdateProfileInput): Promise<User> {
    const changes: Partial<User> = {};
    if (input.displayName !== undefined) changes.displayName = input.displayName;
    if (input.phone !== undefined) changes.phone = input.phone === null || input.phone === '' ? null : normalizePhoneNumber(input.phone);
    if (Object.keys(changes).length > 0) await this.users.update({ id: userId }, changes);
    return this.getById(userId);
  }

  /** Only MODERATOR and ADMIN are granted; granting a role the user has changes nothing. */
  /** The user, locked in the caller's transaction until it ends: their roles and suspension cannot change meanwhile. */
  async lockById(manager: EntityManager, id: string): Promise<User> {
    const user = await manager.findOne(User, { where: { id: assertUuid(id) }, lock: { mode: 'pessimistic_write' } });
    if (!user) throw new NotFoundError('User');
    return user;
  }

  async grantRole(userId: string, role: Role): Promise<User> {
    if (!GRANTABLE_ROLES.has(role)) throw new RoleNotGrantableError(role);
    const user = await this.getById(userId);
    await this.addRole(this.users.manager, user.id, role);
    return this.getById(user.id);
  }

  /** Adds a role in the caller's transaction (PROVIDER comes with a provider profile); having it already changes nothing. */
  async addRole(manager: EntityManager, userId: string, role: Role): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(User)
      .set({ roles: () => `array_append(roles, :role::user_role)` })
      .where('id = :id AND NOT (:role::user_role = ANY(roles))', { id: userId, role })
      .setParameter('role', role)
      .execute();
    this.activeSessions.forgetOnCommit(manager, { userId });
  }

  /**
   * Locks the user out inside the caller's transaction: no sign-in, no refresh, no action; every
   * session is revoked. False when the user was already suspended (nothing changes then).
   */
  async suspend(manager: EntityManager, userId: string, reason: string): Promise<boolean> {
    const now = this.clock.now();
    const suspended = await manager.update(User, { id: userId, suspendedAt: IsNull() }, { suspendedAt: now, suspensionReason: reason });
    if (suspended.affected === 0) return false;
    await manager
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ revokedAt: now })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .execute();
    this.activeSessions.forgetOnCommit(manager, { userId });
    return true;
  }
}
