export * from './email/compose-email';
export * from './message-channel';
export * from './settings/channel-settings.schema';
export * from './templates/render-template';
export * from './templates/template-content.schema';
export * from './tracking/signed-token';
export * from './transport/channel-transport';
