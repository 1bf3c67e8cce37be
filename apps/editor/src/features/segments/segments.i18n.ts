/**
 * The segments pages' UI strings, merged into the editor's dictionaries (i18n/ja.ts, i18n/en.ts) under
 * `segments`. Japanese is the reference shape; English must match it (a missing key fails the typecheck).
 */
export const segmentsJa = {
  title: 'セグメント',
};

export const segmentsEn: typeof segmentsJa = {
  title: 'Segments',
};
