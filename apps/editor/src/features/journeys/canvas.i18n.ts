/**
 * The journey canvas's UI strings, merged into the editor's dictionaries (i18n/ja.ts, i18n/en.ts)
 * under `canvas`. Japanese is the reference shape; English must match it.
 */
export const canvasJa = {
  title: 'キャンバス',
};

export const canvasEn: typeof canvasJa = {
  title: 'Canvas',
};
