import { accessJa } from '../features/access/access.i18n';
import { accountJa } from '../features/account/account.i18n';
import { analyticsJa } from '../features/analytics/analytics.i18n';
import { channelsJa } from '../features/channels/channels.i18n';
import { customersJa } from '../features/customers/customers.i18n';
import { homeJa } from '../features/home/home.i18n';
import { importsJa } from '../features/imports/imports.i18n';
import { canvasJa } from '../features/journeys/canvas.i18n';
import { segmentsJa } from '../features/segments/segments.i18n';
/**
 * Japanese UI strings, the editor's reference dictionary: its shape is the type every other
 * language must match (see en.ts). Keys are English and say what the text is; values are plain
 * text with {{placeholders}}; `<code>` marks commands rendered through <Trans>.
 */
export const ja = {
  app: {
    name: 'Kizuna',
    documentTitle: '{{page}} | Kizuna',
    loadingPage: 'ページを読み込んでいます…',
    pageFailed: 'このページを表示できませんでした',
    reload: 'ページを再読み込み',
  },
  language: {
    ja: '日本語',
    en: 'English',
  },
  layout: {
    skipToContent: '本文へ移動',
    navigation: 'メインメニュー',
    language: '表示言語',
  },
  nav: {
    home: 'ホーム',
    customers: '顧客',
    journeys: 'ジャーニー',
    data: 'データ',
    imports: 'インポート',
    segments: 'セグメント',
    analytics: '分析',
    settings: '設定',
    channels: 'チャネル',
    members: 'メンバー',
    audit: '監査ログ',
  },
  ui: {
    retry: '再試行',
    optional: '（任意）',
    forbidden: {
      title: 'このページを使う権限がありません',
      body: '{{role}}の役割では、ワークスペース {{workspace}} のこのページは使えません（必要な権限: {{permission}}）。必要なら管理者に依頼してください。',
    },
    error: {
      forbiddenHint: '役割を変更できるのは、ワークスペースの管理者です。',
      missingColumns: '足りない列（{{count}}）:',
      unknownColumns: '認識できない列（{{count}}）:',
      code: {
        validation_failed: '入力内容に誤りがあります',
        not_found: '見つかりませんでした',
        conflict: 'ほかの変更と競合しました',
        unauthenticated: 'サインインが必要です',
        forbidden: 'この操作は許可されていません',
        unprocessable: '処理できない内容です',
        payload_too_large: 'ファイルが大きすぎます',
        rate_limited: 'リクエストが多すぎます。しばらく待ってからお試しください',
        network_error: 'エンジンに接続できません',
        http_error: 'エンジンがエラーを返しました',
        unexpected: '予期しないエラーが発生しました',
      },
    },
  },
  account: accountJa,
  access: accessJa,
  home: homeJa,
  imports: importsJa,
  customers: customersJa,
  journeys: {
    title: 'ジャーニー',
    description: 'キャンバスで流れを組み立て、ドライランで試して公開し、実績とリフトを確認します。',
    loading: 'ジャーニーを読み込んでいます…',
    detailTitle: 'ジャーニー #{{id}}',
    backToList: '← ジャーニー一覧に戻る',
    neverPublished: '未公開',
    versionLine: '公開中のバージョン {{version}}',
    status: {
      draft: '下書き',
      active: '稼働中',
      paused: '一時停止',
      archived: 'アーカイブ済み',
    },
    fields: {
      name: '名前',
      status: '状態',
      currentVersion: '公開バージョン',
      entered: 'エントリー',
      converted: 'コンバージョン',
      conversionRate: 'CVR',
      lift: 'リフト',
    },
    create: {
      title: '新しいジャーニー',
      name: '名前',
      template: 'テンプレート',
      templateHint: 'scenarios/ のシナリオから始めるか、空のキャンバスから作ります。',
      empty: '空のキャンバス',
      submit: '作成してキャンバスを開く',
      failed: 'ジャーニーを作成できませんでした',
    },
    list: {
      caption: 'ジャーニーの一覧',
      loading: '一覧を読み込んでいます…',
      failed: 'ジャーニーの一覧を取得できませんでした',
      empty: 'まだジャーニーはありません。',
    },
    notFound: {
      title: 'ジャーニーが見つかりません',
      body: 'ジャーニー「{{id}}」は存在しないか、このワークスペースのものではありません。',
    },
  },
  canvas: canvasJa,
  segments: segmentsJa,
  analytics: analyticsJa,
  channels: channelsJa,
  notFound: {
    title: 'ページが見つかりません',
    body: '{{path}} というページはありません。',
    home: 'ホームへ戻る',
  },
};

export type Dictionary = typeof ja;
