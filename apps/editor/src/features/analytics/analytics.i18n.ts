/**
 * The analytics pages' UI strings, merged into the editor's dictionaries (i18n/ja.ts, i18n/en.ts) under
 * `analytics`. Japanese is the reference shape; English must match it (a missing key fails the typecheck).
 */
export const analyticsJa = {
  title: '分析',
};

export const analyticsEn: typeof analyticsJa = {
  title: 'Analytics',
};
