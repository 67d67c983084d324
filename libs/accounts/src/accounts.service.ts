import { assertUuid, Clock, NotFoundError, Role } from '@marketplace/common';
import { asEntity, columnsAsProperties } from '@marketplace/database';
import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, EntityMetadata, In, IsNull, ObjectLiteral, Repository } from 'typeorm';
import { EmailNotVerifiedError, PasswordIsEmailError, RoleNotGrantableError } from './accounts.errors';
import { RegisterInput } from './dto/register.input';
import { UpdateProfileInput } from './dto/update-profile.input';
import { PasswordHasher } from './password-hasher';
import { normalizePhoneNumber } from './phone-number';
import { ActiveSessions } from './auth/active-sessions';
import { RefreshToken } from './auth/refresh-token.entity';
import { UserBatchJoin } from './user-batch-joins';
import { Locale } from './locale';
import { User } from './user.entity';

const GRANTABLE_ROLES: ReadonlySet<Role> = new Set([Role.MODERATOR, Role.ADMIN]);

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Beyond the input's length rules: a password is not the account's own address. */
export function assertPasswordAllowed(password: string, email: string, field: string): void {
  if (password.trim().toLowerCase() === normalizeEmail(email)) throw new PasswordIsEmailError(field);
}

/** A registration, or the account that already had its address (nothing was created then). */
export type Registration = { created: true; user: User } | { created: false; existing: User };

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

  /**
   * Creates the account inside the caller's transaction (register also opens a session; signUp's
   * accounts wait for a verified address to sign in). A taken address costs the same password
   * hash, so both answers take as long.
   */
  async register(manager: EntityManager, input: RegisterInput, signInAwaitsVerifiedEmail: boolean): Promise<Registration> {
    const email = normalizeEmail(input.email);
    assertPasswordAllowed(input.password, email, 'password');
    const passwordHash = await this.passwords.hash(input.password);
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(User)
      .values({
        email,
        passwordHash,
        displayName: input.displayName,
        roles: [Role.CLIENT],
        locale: input.locale ?? Locale.FR,
        signInAwaitsVerifiedEmail,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const [row] = inserted.raw as { id: string }[];
    if (!row) return { created: false, existing: await manager.findOneByOrFail(User, { email }) };
    return { created: true, user: await manager.findOneByOrFail(User, { id: row.id }) };
  }

  /** FORBIDDEN until the user followed a link sent to their address; `action` says what waits ("bid"). */
  async assertEmailVerified(userId: string, action: string): Promise<void> {
    const user = await this.users.findOne({ where: { id: userId }, select: { id: true, emailVerifiedAt: true } });
    if (!user?.emailVerifiedAt) throw new EmailNotVerifiedError(action);
  }

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id: assertUuid(id) });
  }

  /** Users are public (as user(id:)): of the ids asked, those that are users, in any order. */
  findByIds(ids: readonly string[]): Promise<User[]> {
    return this.users.findBy({ id: In([...ids]) });
  }

  /** Inside a transaction, pass its manager. */
  async getById(id: string, manager: EntityManager = this.users.manager): Promise<User> {
    const user = await manager.findOneBy(User, { id: assertUuid(id) });
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

  /** Whether `password` is the account's, to confirm a grave step (deleting the account); false for an unknown id. */
  async isPasswordOf(userId: string, password: string): Promise<boolean> {
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :userId', { userId: assertUuid(userId) })
      .getOne();
    return this.passwords.verify(user?.passwordHash, password);
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
    if (input.locale !== undefined) changes.locale = input.locale;
    if (Object.keys(changes).length > 0) await this.users.update({ id: userId }, changes);
    return this.getById(userId);
  }

  /** The user, locked in the caller's transaction until it ends: their roles and suspension cannot change meanwhile. */
  /** The user, read in the caller's transaction (on its connection, not another of the pool). */
  findIn(manager: EntityManager, id: string): Promise<User | null> {
    return manager.findOneBy(User, { id: assertUuid(id) });
  }

  async lockById(manager: EntityManager, id: string): Promise<User> {
    const user = await manager.findOne(User, { where: { id: assertUuid(id) }, lock: { mode: 'pessimistic_write' } });
    if (!user) throw new NotFoundError('User');
    return user;
  }

  /**
   * Only MODERATOR and ADMIN are granted; granting a role the user has changes nothing. In the
   * caller's transaction when given one; `added` says whether the user did not have it yet.
   */
  async grantRole(userId: string, role: Role, manager: EntityManager = this.users.manager): Promise<{ user: User; added: boolean }> {
    if (!GRANTABLE_ROLES.has(role)) throw new RoleNotGrantableError(role);
    const user = await manager.findOneBy(User, { id: assertUuid(userId) });
    if (!user) throw new NotFoundError('User');
    const added = await this.addRole(manager, user.id, role);
    return { user: await manager.findOneByOrFail(User, { id: user.id }), added };
  }

  /** Adds a role in the caller's transaction (PROVIDER comes with a provider profile); false when the user had it already. */
  async addRole(manager: EntityManager, userId: string, role: Role): Promise<boolean> {
    const updated = await manager
      .createQueryBuilder()
      .update(User)
      .set({ roles: () => `array_append(roles, :role::user_role)` })
      .where('id = :id AND NOT (:role::user_role = ANY(roles))', { id: userId, role })
      .setParameter('role', role)
      .execute();
    this.activeSessions.forgetOnCommit(manager, { userId });
    return updated.affected === 1;
  }

  /**
   * Locks the user out inside the caller's transaction: no sign-in, no refresh, no action; every
   * session is revoked. False when the user was already suspended (nothing changes then).
   */
  async suspend(manager: EntityManager, userId: string, reason: string): Promise<boolean> {
    const now = this.clock.now();
    const suspended = await manager.update(User, { id: userId, suspendedAt: IsNull() }, { suspendedAt: now, suspensionReason: reason });
    if (suspended.affected === 0) return false;
    await this.revokeSessions(manager, userId);
    return true;
  }

  /** A suspension reversed on review: the user may sign in again (their sessions stay revoked). */
  async liftSuspension(manager: EntityManager, userId: string): Promise<void> {
    await manager.update(User, { id: userId }, { suspendedAt: null, suspensionReason: null });
    this.activeSessions.forgetOnCommit(manager, { userId });
  }

  /**
   * An account closed by its owner (deleteMyAccount), in the caller's transaction: email, name and
   * phone replaced by values that identify nobody (the address may register again), a password
   * hash no password matches, no moderation role, every session revoked.
   */
  async anonymise(manager: EntityManager, userId: string, displayName: string): Promise<void> {
    const passwordHash = await this.passwords.hash(randomBytes(32).toString('base64url'));
    await manager
      .createQueryBuilder()
      .update(User)
      .set({
        email: `former-member-${userId}@deleted.invalid`,
        displayName,
        phone: null,
        passwordHash,
        emailVerifiedAt: null,
        roles: () => `array_remove(array_remove(roles, '${Role.MODERATOR}'), '${Role.ADMIN}')`,
      })
      .where('id = :userId', { userId })
      .execute();
    await this.revokeSessions(manager, userId);
  }

  /** Signs the user out on every device, in the caller's transaction: refresh tokens revoked, access tokens refused. */
  async revokeSessions(manager: EntityManager, userId: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ revokedAt: this.clock.now() })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .execute();
    this.activeSessions.forgetOnCommit(manager, { userId });
  }
}
