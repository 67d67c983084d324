import { AccountsService, EmailVerificationService } from '@marketplace/accounts';
import { Role } from '@marketplace/common';
import { randomBytes } from 'node:crypto';
import { TestApp } from './test-app';

export interface SignedInUser {
  id: string;
  email: string;
  password: string;
  displayName: string;
  accessToken: string;
  refreshToken: string;
}

export const AUTH_PAYLOAD_FIELDS = 'accessToken refreshToken expiresAt user { id email displayName roles }';

export function aRegistration(overrides: Partial<{ email: string; password: string; displayName: string; locale: 'FR' | 'EN' }> = {}) {
  return {
    email: `user-${randomBytes(5).toString('hex')}@example.com`,
    password: 'a long enough password',
    displayName: 'Camille Martin',
    ...overrides,
  };
}

/** A user as registration leaves them: signed in, their email address not verified yet. */
export async function anUnverifiedUser(app: TestApp, overrides: Parameters<typeof aRegistration>[0] = {}): Promise<SignedInUser> {
  const input = aRegistration(overrides);
  const response = await app.graphql(`mutation ($input: RegisterInput!) { register(input: $input) { ${AUTH_PAYLOAD_FIELDS} } }`, { input });
  if (!response.data) throw new Error(`register failed: ${JSON.stringify(response.errors)}`);
  const { accessToken, refreshToken, user } = response.data.register;
  return { id: user.id, email: user.email, password: input.password, displayName: input.displayName, accessToken, refreshToken };
}

/** A registered user whose email address is verified (as the CLI's verify-email does: the link itself is tested in email-links). */
export async function aSignedInUser(app: TestApp, overrides: Parameters<typeof aRegistration>[0] = {}): Promise<SignedInUser> {
  const user = await anUnverifiedUser(app, overrides);
  await app.app.get(EmailVerificationService).verifyByOperator(user.id);
  return user;
}

/** A user with an extra role, granted as the operator's CLI does. */
export async function aUserWithRole(app: TestApp, role: 'MODERATOR' | 'ADMIN'): Promise<SignedInUser> {
  const user = await aSignedInUser(app);
  await grantRoleTo(app, user, role);
  return user;
}

/** Grants a role as the operator's CLI does; it applies from the user's next request. */
export async function grantRoleTo(app: TestApp, user: SignedInUser, role: 'MODERATOR' | 'ADMIN'): Promise<void> {
  await app.app.get(AccountsService).grantRole(user.id, role as Role);
}
