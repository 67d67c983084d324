import { createSecretKey, randomUUID } from 'node:crypto';
import { AccessTokenStrategy, AccessTokenVerifier, JwtAuthGuard, NodeSources, RolesGuard } from '@marketplace/common';
import { AppConfig, APP_CONFIG } from '@marketplace/config';
import { Module, OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountEvents } from './account-events';
import { AccountsService } from './accounts.service';
import { AccountToken } from './email-links/account-token.entity';
import { AccountTokens } from './email-links/account-tokens';
import { EmailLinksResolver } from './email-links/email-links.resolver';
import { EmailVerificationService } from './email-links/email-verification.service';
import { PasswordResetService } from './email-links/password-reset.service';
import { ActiveSessions } from './auth/active-sessions';
import { AuthResolver } from './auth/auth.resolver';
import { LoginThrottle } from './auth/login-throttle';
import { RefreshToken } from './auth/refresh-token.entity';
import { SessionsService } from './auth/sessions.service';
import { PasswordHasher } from './password-hasher';
import { RateLimitCounter } from './rate-limits/rate-limit-counter.entity';
import { RateLimitGuard } from './rate-limits/rate-limit.guard';
import { RateLimiter } from './rate-limits/rate-limiter';
import { User } from './user.entity';
import { UserResolver } from './user.resolver';
import { UserBatchJoins } from './user-batch-joins';
import { UsersLoader } from './users.loader';

@Module({
  imports: [
    TypeOrmModule.forFeature([User, RefreshToken, RateLimitCounter, AccountToken]),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A key object, not the string: given a string, jsonwebtoken first tries it as a PEM public key on
      // every verify, and that failed parse cost ~0.5 ms per signed-in request (17 % of the API's CPU).
      useFactory: (config: AppConfig) => {
        if (!config.auth.jwtSecret) throw new Error('JWT_SECRET is not configured.');
        return { secret: createSecretKey(Buffer.from(config.auth.jwtSecret)), signOptions: { algorithm: 'HS256' } };
      },
    }),
    // A factory, so that each application instance names its own access-token strategy in Passport's
    // process-wide registry (see AccessTokenStrategy); no sessions: every request carries its token.
    PassportModule.registerAsync({ useFactory: () => ({ defaultStrategy: `access-token:${randomUUID()}`, session: false }) }),
  ],
  providers: [
    AccountsService,
    AccountEvents,
    AccountTokens,
    EmailVerificationService,
    PasswordResetService,
    EmailLinksResolver,
    UsersLoader,
    UserBatchJoins,
    SessionsService,
    ActiveSessions,
    LoginThrottle,
    RateLimiter,
    PasswordHasher,
    { provide: AccessTokenVerifier, useExisting: SessionsService },
    AccessTokenStrategy,
    AuthResolver,
    UserResolver,
    // Secure by default: every handler needs a signed-in viewer unless marked @AllowAnonymous().
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
    // After authentication: limits are counted per viewer too.
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
  exports: [
    AccessTokenVerifier,
    AccountsService,
    AccountEvents,
    AccountTokens,
    EmailVerificationService,
    UsersLoader,
    UserBatchJoins,
    SessionsService,
    RateLimiter,
  ],
})
export class AccountsModule implements OnModuleInit {
  constructor(
    private readonly nodes: NodeSources,
    private readonly accounts: AccountsService,
  ) {}

  onModuleInit(): void {
    this.nodes.register({ typeName: 'User', visibleByIds: (_viewer, ids) => this.accounts.findByIds(ids) });
  }
}
