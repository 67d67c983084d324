import { RateLimit, User, UsersLoader, UserType } from '@marketplace/accounts';
import {
  assertUuid,
  Connection,
  CurrentViewer,
  emptyConnection,
  FieldContext,
  PAGE_AFTER_DESCRIPTION,
  PAGE_SIZE_DESCRIPTION,
  RequestLoaders,
  RequireRoles,
  RestrictionArgs,
  Role,
  Viewer,
} from '@marketplace/common';
import { Args, ID, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import { IdentityDocument } from '../documents/identity-document.entity';
import { SubmitIdentityVerificationInput } from './dto/submit-identity-verification.input';
import { IdentityVerification, VerificationStatus } from './identity-verification.entity';
import {
  DocumentTypeField,
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
  @Mutation(() => IdentityVerificationType, {
    description:
      "Submits the viewer's identity documents for a moderator to check: a PENDING case. CONFLICT while a case is PENDING or once APPROVED; BAD_USER_INPUT for documents not the viewer's, already submitted, or a date of birth under 18. TOO_MANY_REQUESTS past RATE_LIMIT_IDENTITY_VERIFICATION_PER_USER (5 a day by default).",
  })
  submitIdentityVerification(
    @CurrentViewer() viewer: Viewer,
    @Args('input', { description: 'The case.' }) input: SubmitIdentityVerificationInput,
  ): Promise<IdentityVerification> {
    return this.verifications.submit(viewer, input);
  }

  @Query(() => IdentityVerificationType, {
    nullable: true,
    description: "The viewer's latest identity verification case; null before the first.",
  })
  myIdentityVerification(@CurrentViewer() viewer: Viewer): Promise<IdentityVerification | null> {
    return this.verifications.latestFor(viewer.id);
  }

  @RequireRoles(Role.MODERATOR)
  @Query(() => IdentityVerificationConnection, { description: 'Moderators only: oldest first.' })
  identityVerificationQueue(
    @Args('status', {
      type: () => IdentityStatus,
      nullable: true,
      defaultValue: IdentityStatus.PENDING,
      description: 'The cases in this status (NOT_SUBMITTED: none).',
    })
    status: IdentityStatus | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: PAGE_SIZE_DESCRIPTION }) first: number | null,
    @Args('after', { type: () => String, nullable: true, description: PAGE_AFTER_DESCRIPTION }) after?: string,
  ): Promise<Connection<IdentityVerification>> {
    const wanted = status ?? IdentityStatus.PENDING;
    if (wanted === IdentityStatus.NOT_SUBMITTED) return Promise.resolve(emptyConnection<IdentityVerification>());
    return this.verifications.queue(wanted as string as VerificationStatus, first ?? 20, after);
  }

  @RequireRoles(Role.MODERATOR)
  @Mutation(() => IdentityVerificationType, {
    description:
      'Moderators only: takes a PENDING case, so that no other moderator decides it. CONFLICT when it is decided or claimed by another moderator; FORBIDDEN for their own case.',
  })
  claimIdentityVerification(
    @CurrentViewer() moderator: Viewer,
    @Args('id', { type: () => ID, description: "The case's id." }) id: string,
  ): Promise<IdentityVerification> {
    return this.verifications.claim(moderator, assertUuid(id));
  }

  @RequireRoles(Role.MODERATOR)
  @Mutation(() => IdentityVerificationType, {
    description:
      "Moderators only: approves a PENDING case (claimed by them, or by nobody): the user's identity is verified. CONFLICT when it is decided or claimed by another moderator; FORBIDDEN for their own case. The documents are deleted IDENTITY_DOCUMENT_RETENTION_DAYS (30 by default) later.",
  })
  approveIdentityVerification(
    @CurrentViewer() moderator: Viewer,
    @Args('id', { type: () => ID, description: "The case's id." }) id: string,
  ): Promise<IdentityVerification> {
    return this.verifications.approve(moderator, assertUuid(id));
  }

  @RequireRoles(Role.MODERATOR)
  @Mutation(() => IdentityVerificationType, {
    description:
      'Moderators only: rejects a PENDING case with a reason the user sees; they may submit again. The user gets a statement of reasons (MODERATION_DECISION) citing groundId. Same rules as approveIdentityVerification; BAD_USER_INPUT for a ground that is not an IDENTITY_REJECTED one.',
  })
  rejectIdentityVerification(
    @CurrentViewer() moderator: Viewer,
    @Args() { id, reason, groundId }: RestrictionArgs,
  ): Promise<IdentityVerification> {
    return this.verifications.reject(moderator, id, reason, groundId ?? undefined);
  }

  @ResolveField(() => DocumentTypeField, {
    description: 'The kind of document submitted; FRANCECONNECT when none was (source FRANCECONNECT).',
  })
  documentType(verification: IdentityVerification): DocumentTypeField {
    return verification.documentType ?? DocumentTypeField.FRANCECONNECT;
  }

  @ResolveField(() => UserType, { description: 'The user whose identity is checked.' })
  user(verification: IdentityVerification, _args: unknown, { req }: FieldContext): Promise<User> {
    return this.users.load(req, verification.userId);
  }

  @ResolveField(() => UserType, { nullable: true, description: 'The moderator who claimed the case, if any.' })
  assignedTo(verification: IdentityVerification, _args: unknown, { req }: FieldContext): Promise<User> | null {
    return verification.assignedToId ? this.users.load(req, verification.assignedToId) : null;
  }

  @ResolveField(() => UserType, {
    nullable: true,
    description: 'The moderator who approved or rejected the case; null while PENDING, and for FRANCECONNECT (no moderator decides).',
  })
  decidedBy(verification: IdentityVerification, _args: unknown, { req }: FieldContext): Promise<User> | null {
    return verification.decidedById ? this.users.load(req, verification.decidedById) : null;
  }

  @ResolveField(() => [IdentityDocumentType], { description: 'Empty once the documents were purged after the decision.' })
  documents(verification: IdentityVerification, _args: unknown, { req }: FieldContext): Promise<IdentityDocument[]> {
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
  downloadPath(document: IdentityDocument): string {
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

  @ResolveField(() => IdentityStatus, { description: "The status of the user's latest identity verification; public." })
  identityStatus(user: User, _args: unknown, { req }: FieldContext): Promise<IdentityStatus> {
    return this.statusOf(user, req);
  }

  @ResolveField(() => Boolean, { description: 'The verification badge: identityStatus is APPROVED.' })
  async isIdentityVerified(user: User, _args: unknown, { req }: FieldContext): Promise<boolean> {
    return (await this.statusOf(user, req)) === IdentityStatus.APPROVED;
  }

  private statusOf(user: User, req: Request): Promise<IdentityStatus> {
    return this.loaders.get(req, 'identityStatusByUser', (ids: readonly string[]) => this.verifications.statusesOf(ids)).load(user.id);
  }
}
