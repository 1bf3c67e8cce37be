/**
 * The channels pages' UI strings, merged into the editor's dictionaries (i18n/ja.ts, i18n/en.ts) under
 * `channels`. Japanese is the reference shape; English must match it (a missing key fails the typecheck).
 */
export const channelsJa = {
  title: 'チャネル設定',
};

export const channelsEn: typeof channelsJa = {
  title: 'Channels',
};
