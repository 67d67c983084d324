import { ConversationsService } from '@marketplace/conversations';
import { JobHandler, JobHandlerFor } from '@marketplace/jobs';
import { Injectable, Logger } from '@nestjs/common';
import { inBatches } from '../batches';
import { PURGE_CONVERSATIONS_OF_ENDED_MISSIONS } from '../purge-jobs';
import { RetentionCutoffs } from '../retention-cutoffs';
import { RETENTION_RULES } from '../retention-rules';

/** A conversation may hold many messages: a batch is a few conversations. */
const CONVERSATIONS_PER_BATCH = 50;

/** Daily: the conversations of missions ended longer ago than the rule's period, messages and their photos (files too). */
@Injectable()
@JobHandlerFor(PURGE_CONVERSATIONS_OF_ENDED_MISSIONS)
export class PurgeConversationsOfEndedMissionsJob implements JobHandler {
  private readonly logger = new Logger(PurgeConversationsOfEndedMissionsJob.name);

  constructor(
    private readonly conversations: ConversationsService,
    private readonly cutoffs: RetentionCutoffs,
  ) {}

  async handle(): Promise<void> {
    const endedBefore = this.cutoffs.of(RETENTION_RULES.CONVERSATIONS);
    const carried = { messages: 0, photos: 0 };
    const conversations = await inBatches(async (limit) => {
      const batch = await this.conversations.purgeOfMissionsEndedBefore(endedBefore, limit);
      carried.messages += batch.messages;
      carried.photos += batch.photos;
      return batch.conversations;
    }, CONVERSATIONS_PER_BATCH);
    this.logger.log({ msg: 'Purged the conversations of ended missions', conversations, ...carried });
  }
}
