import { ConflictError, ForbiddenError, ModeratorIsPartyError } from '@marketplace/common';

export class OwnMissionConversationError extends ForbiddenError {
  constructor() {
    super('A client answers the providers who write about their mission: they cannot open a conversation on it.');
  }
}

export class NotProviderError extends ForbiddenError {
  constructor() {
    super('Only providers ask about a mission: create a provider profile first.');
  }
}

export class MissionClosedToQuestionsError extends ConflictError {
  constructor() {
    super('Questions are asked while a mission is open: this one no longer is.');
  }
}

export class ConversationReadOnlyError extends ConflictError {
  constructor() {
    super('This mission went to another provider: the conversation can be read, no longer written to.');
  }
}

export class MessageAlreadyHiddenError extends ConflictError {
  constructor() {
    super('This message is already hidden.');
  }
}

export class PartyToConversationError extends ModeratorIsPartyError {
  constructor() {
    super('You take part in this conversation');
  }
}
