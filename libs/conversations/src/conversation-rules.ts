/**
 * The rules of conversations, apart from the database: who opens one, who writes in one and
 * when, who reads it, and what each reader sees of a message. ConversationsService gathers the
 * facts (the conversation under its lock, its mission) and asks these.
 */
import { hasRole, isModerator, Role, Viewer } from '@marketplace/common';
import { Mission, MissionStatus } from '@marketplace/missions';
import { maskContactDetails } from './contact-masking';
import { Conversation } from './conversation.entity';
import {
  ConversationReadOnlyError,
  MessageAlreadyHiddenError,
  MissionClosedToQuestionsError,
  NotProviderError,
  OwnMissionConversationError,
  PartyToConversationError,
} from './conversations.errors';
import { Message } from './message.entity';

export type MissionOfConversation = Pick<Mission, 'clientId' | 'status' | 'assignedProviderId'>;
type Sides = Pick<Conversation, 'clientId' | 'providerId'>;

export enum ConversationRole {
  CLIENT = 'CLIENT',
  PROVIDER = 'PROVIDER',
}

/** The viewer's side in the conversation, or null when they take no part in it. */
export function roleIn(conversation: Sides, userId: string | undefined): ConversationRole | null {
  if (userId === conversation.clientId) return ConversationRole.CLIENT;
  if (userId === conversation.providerId) return ConversationRole.PROVIDER;
  return null;
}

/** A provider opens their conversation with a mission's client by asking about it while it is OPEN; not on their own mission. */
export function assertMayOpen(viewer: Viewer, mission: MissionOfConversation): void {
  if (mission.clientId === viewer.id) throw new OwnMissionConversationError();
  if (!hasRole(viewer, Role.PROVIDER)) throw new NotProviderError();
  if (mission.status !== MissionStatus.OPEN) throw new MissionClosedToQuestionsError();
}

/**
 * Both sides write while the mission is open; once it is assigned, only the client and the
 * provider it went to go on (the other providers' conversations stay readable, read-only). A
 * lapsed acceptance opens the mission, and so the conversations, again.
 */
export function assertMayWrite(conversation: Sides, mission: MissionOfConversation): void {
  if (mission.status !== MissionStatus.OPEN && mission.assignedProviderId !== conversation.providerId) {
    throw new ConversationReadOnlyError();
  }
}

/** Contact details show once the mission is assigned to the conversation's provider, as their phone numbers then do. */
export function showsContactDetails(conversation: Sides, mission: Pick<Mission, 'assignedProviderId'>): boolean {
  return mission.assignedProviderId === conversation.providerId;
}

/** A moderator who is not a participant reads a conversation once one of its messages was reported. */
export function readsAsModerator(viewer: Viewer | undefined, conversation: Sides, reported: boolean): boolean {
  return reported && isModerator(viewer) && roleIn(conversation, viewer?.id) === null;
}

/** A moderator hides a message they can read (NOT_FOUND otherwise) in a conversation they take no part in, once. */
export function assertMayHide(moderator: Viewer, conversation: Sides, message: Pick<Message, 'hiddenAt'>): void {
  if (roleIn(conversation, moderator.id) !== null) throw new PartyToConversationError();
  if (message.hiddenAt) throw new MessageAlreadyHiddenError();
}

export interface MessageText {
  /** Null once a moderator hid the message (participants see that it was, not what it said). */
  text: string | null;
  /** Whether contact details were masked in what the viewer sees. */
  masked: boolean;
}

/**
 * What a reader sees of a message: its author, the text as written; the other participant, the
 * text with contact details masked until they show; a moderator, the text as written (hidden or
 * not), to judge it.
 */
export function textFor(
  readerId: string,
  message: Pick<Message, 'authorId' | 'text' | 'hiddenAt'>,
  { contactsShown, moderator }: { contactsShown: boolean; moderator: boolean },
): MessageText {
  if (moderator) return { text: message.text, masked: false };
  if (message.hiddenAt) return { text: null, masked: false };
  if (message.authorId === readerId || contactsShown) return { text: message.text, masked: false };
  return maskContactDetails(message.text);
}
