import { RateLimit, User, UsersLoader, UserType } from '@marketplace/accounts';
import {
  assertUuid,
  Connection,
  CurrentViewer,
  emptyConnection,
  IdWithReasonArgs,
  RequestLoaders,
  RequireRoles,
  Role,
  Viewer,
} from '@marketplace/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import { IdentityDocument } from '../documents/identity-document.entity';
import { SubmitIdentityVerificationInput } from './dto/submit-identity-verification.input';
import { IdentityVerification, VerificationStatus } from './identity-verification.entity';
import {
  IdentityDocumentType,
  IdentityStatus,
  IdentityVerificationConnection,
  IdentityVerificationType,
} from './identity-verification.type';
import { IdentityVerificationsService } from './identity-verifications.service';

@Resolver(() => IdentityVerificationType)
export class IdentityVerificationResolver {
  constructor(
    private readonly verifications: IdentityVerificationsService,
    private readonly users: UsersLoader,
    private readonly loaders: RequestLoaders,
  ) {}

  @RateLimit('identityVerification')
  @Mutation(() => IdentityVerificationType)
  submitIdentityVerification(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: SubmitIdentityVerificationInput,
  ): Promise<IdentityVerification> {
    return this.verifications.submit(viewer, input);
  }

  @Query(() => IdentityVerificationType, { nullable: true })
  myIdentityVerification(@CurrentViewer() viewer: Viewer): Promise<IdentityVerification | null> {
    return this.verifications.latestFor(viewer.id);
  }

  @RequireRoles(Role.MODERATOR)
  @Query(() => IdentityVerificationConnection, { description: 'Moderators only: oldest first.' })
  identityVerificationQueue(
    @Args('status', { type: () => IdentityStatus, nullable: true, defaultValue: IdentityStatus.PENDING }) status: IdentityStatus | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<Connection<IdentityVerification>> {
    const wanted = status ?? IdentityStatus.PENDING;
    if (wanted === IdentityStatus.NOT_SUBMITTED) return Promise.resolve(emptyConnection<IdentityVerification>());
    return this.verifications.queue(wanted as string as VerificationStatus, first ?? 20, after);
  }

  @RequireRoles(Role.MODERATOR)
  @Mutation(() => IdentityVerificationType)
  claimIdentityVerification(@CurrentViewer() moderator: Viewer, @Args('id', { type: () => ID }) id: string): Promise<IdentityVerification> {
    return this.verifications.claim(moderator, assertUuid(id));
  }

  @RequireRoles(Role.MODERATOR)
  @Mutation(() => IdentityVerificationType)
  approveIdentityVerification(
    @CurrentViewer() moderator: Viewer,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<IdentityVerification> {
    return this.verifications.approve(moderator, assertUuid(id));
  }

  @RequireRoles(Role.MODERATOR)
  @Mutation(() => IdentityVerificationType)
  rejectIdentityVerification(@CurrentViewer() moderator: Viewer, @Args() { id, reason }: IdWithReasonArgs): Promise<IdentityVerification> {
    return this.verifications.reject(moderator, id, reason);
  }

  @ResolveField(() => UserType)
  user(@Parent() verification: IdentityVerification, @Context('req') req: Request): Promise<User> {
    return this.users.load(req, verification.userId);
  }

  @ResolveField(() => UserType, { nullable: true, description: 'The moderator who claimed the case, if any.' })
  assignedTo(@Parent() verification: IdentityVerification, @Context('req') req: Request): Promise<User> | null {
    return verification.assignedToId ? this.users.load(req, verification.assignedToId) : null;
  }

  @ResolveField(() => UserType, { nullable: true })
  decidedBy(@Parent() verification: IdentityVerification, @Context('req') req: Request): Promise<User> | null {
    return verification.decidedById ? this.users.load(req, verification.decidedById) : null;
  }

  @ResolveField(() => [IdentityDocumentType], { description: 'Empty once the documents were purged after the decision.' })
  documents(@Parent() verification: IdentityVerification, @Context('req') req: Request): Promise<IdentityDocument[]> {
    return this.loaders
      .get(req, 'documentsByVerification', (ids: readonly string[]) => this.verifications.documentsOf(ids))
      .load(verification.id);
  }
}

@Resolver(() => IdentityDocumentType)
export class IdentityDocumentResolver {
  @ResolveField(() => String, {
    description: 'Path on this API that serves the file to its owner and to moderators, with the same bearer token.',
  })
  downloadPath(@Parent() document: IdentityDocument): string {
    return `/identity/documents/${document.id}`;
  }
}

/** The verification badge on every user. */
@Resolver(() => UserType)
export class UserIdentityResolver {
  constructor(
    private readonly verifications: IdentityVerificationsService,
    private readonly loaders: RequestLoaders,
  ) {}

  @ResolveField(() => IdentityStatus)
  identityStatus(@Parent() user: User, @Context('req') req: Request): Promise<IdentityStatus> {
    return this.statusOf(user, req);
  }

  @ResolveField(() => Boolean)
  async isIdentityVerified(@Parent() user: User, @Context('req') req: Request): Promise<boolean> {
    return (await this.statusOf(user, req)) === IdentityStatus.APPROVED;
  }

  private statusOf(user: User, req: Request): Promise<IdentityStatus> {
    return this.loaders.get(req, 'identityStatusByUser', (ids: readonly string[]) => this.verifications.statusesOf(ids)).load(user.id);
  }
}
