/**
 * The home page's UI strings, merged into the editor's dictionaries (i18n/ja.ts, i18n/en.ts) under
 * `home`. Japanese is the reference shape; English must match it (a missing key fails the typecheck).
 */
export const homeJa = {
  description: 'ワークスペース {{slug}}・タイムゾーン {{timezone}}',
  health: {
    title: 'システムの状態',
    loading: '状態を確認しています…',
    failed: 'システムの状態を取得できませんでした',
    engine: 'エンジン',
    database: 'データベース',
    queue: 'ジョブキュー',
    version: 'バージョン {{version}}',
    latency: '応答 {{latency}}',
    status: {
      ok: '正常',
      degraded: '一部に問題',
      up: '稼働中',
      down: '停止',
    },
    adapter: {
      inline: 'インライン実行（組み込みモード）',
      bullmq: 'BullMQ（Redis）',
    },
  },
  sections: {
    title: 'メニュー',
    imports: 'POS や EC の CSV（顧客・注文・同意など）を取り込み、進み具合と除外された行を確認します。',
    customers: '名前・メール・電話・会員番号で顧客を探し、統合されたプロフィールと購買履歴を見ます。',
  },
};

export const homeEn: typeof homeJa = {
  description: 'Workspace {{slug}} · time zone {{timezone}}',
  health: {
    title: 'System status',
    loading: 'Checking the status…',
    failed: 'The system status could not be loaded',
    engine: 'Engine',
    database: 'Database',
    queue: 'Job queue',
    version: 'Version {{version}}',
    latency: 'Responds in {{latency}}',
    status: {
      ok: 'OK',
      degraded: 'Degraded',
      up: 'Up',
      down: 'Down',
    },
    adapter: {
      inline: 'Inline (embedded mode)',
      bullmq: 'BullMQ (Redis)',
    },
  },
  sections: {
    title: 'Sections',
    imports:
      'Import CSV files from your POS and EC systems (customers, orders, consents…) and follow their progress and rejected rows.',
    customers: 'Find customers by name, email, phone or member number and see their unified profile and purchases.',
  },
};
