export * from './contact-masking';
export * from './conversation.entity';
export * from './conversation.type';
export * from './conversations.module';
export * from './conversations.service';
export * from './message.entity';
export * from './message.type';
export { showsContactDetails, textFor } from './conversation-rules';
