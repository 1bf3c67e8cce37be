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
    customers:
      '名前・メール・電話・会員番号で顧客を探し、統合されたプロフィール（購買・配信・反応・スコア・ジャーニー）を見ます。',
    journeys: 'トリガーから配信・待機・分岐・ゴールまでの流れをキャンバスで組み立て、検証して公開します。',
    segments: '購買・RFM・同意・属性の条件を AND/OR で組み合わせ、該当人数とサンプルを見ながら保存します。',
    analytics: 'RF マトリクス、RFM ランク、デシル、ABC 分析、安定顧客の推移、ターゲット選定の利益曲線を見ます。',
    channels: 'メール・LINE・SMS・DM の接続設定とテスト送信、DM の出力バッチを管理します。',
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
    customers:
      'Find customers by name, email, phone or member number and see their unified profile: purchases, messages, responses, scores and journeys.',
    journeys:
      'Build the flow from trigger to messages, waits, branches and goals on a canvas, validate it and publish it.',
    segments:
      'Combine purchase, RFM, consent and attribute conditions with AND/OR, watching the count and a sample, and save.',
    analytics:
      'The RF matrix, RFM ranks, deciles, ABC analysis, stable-customer transitions and the profit curve of target selection.',
    channels: 'Connect email, LINE, SMS and direct mail, send test messages, and download direct-mail batches.',
  },
};
