export const MESSAGE_CHANNELS = ['email', 'line', 'sms', 'dm'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];
