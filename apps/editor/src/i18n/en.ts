import type { Dictionary } from './ja';
import { accessEn } from '../features/access/access.i18n';
import { accountEn } from '../features/account/account.i18n';
import { analyticsEn } from '../features/analytics/analytics.i18n';
import { channelsEn } from '../features/channels/channels.i18n';
import { customersEn } from '../features/customers/customers.i18n';
import { homeEn } from '../features/home/home.i18n';
import { importsEn } from '../features/imports/imports.i18n';
import { canvasEn } from '../features/journeys/canvas.i18n';
import { segmentsEn } from '../features/segments/segments.i18n';

/** English UI strings. Typed as the Japanese dictionary, so a missing or extra key fails the typecheck. */
export const en: Dictionary = {
  app: {
    name: 'Kizuna',
    documentTitle: '{{page}} | Kizuna',
    loadingPage: 'Loading the page…',
    pageFailed: 'This page could not be shown',
    reload: 'Reload the page',
  },
  language: {
    ja: '日本語',
    en: 'English',
  },
  layout: {
    skipToContent: 'Skip to content',
    navigation: 'Main menu',
    language: 'Language',
  },
  nav: {
    home: 'Home',
    customers: 'Customers',
    journeys: 'Journeys',
    data: 'Data',
    imports: 'Imports',
    segments: 'Segments',
    analytics: 'Analytics',
    settings: 'Settings',
    channels: 'Channels',
    members: 'Members',
    audit: 'Audit log',
  },
  ui: {
    retry: 'Try again',
    optional: '(optional)',
    forbidden: {
      title: 'Your role cannot use this page',
      body: 'The {{role}} role cannot use this page in workspace {{workspace}} (it needs {{permission}}). Ask an admin if you need it.',
    },
    error: {
      forbiddenHint: 'An admin of the workspace can change your role.',
      missingColumns: 'Missing columns ({{count}}):',
      unknownColumns: 'Unknown columns ({{count}}):',
      code: {
        validation_failed: 'Some values are not valid',
        not_found: 'Not found',
        conflict: 'This conflicts with another change',
        unauthenticated: 'You need to sign in',
        forbidden: 'This action is not allowed',
        unprocessable: 'This cannot be processed',
        payload_too_large: 'The file is too large',
        rate_limited: 'Too many requests: wait a moment and try again',
        network_error: 'Cannot reach the engine',
        http_error: 'The engine returned an error',
        unexpected: 'Something unexpected went wrong',
      },
    },
  },
  account: accountEn,
  access: accessEn,
  home: homeEn,
  imports: importsEn,
  customers: customersEn,
  journeys: {
    title: 'Journeys',
    description: 'Draw each flow on the canvas, try it with a dry run, publish it, and follow its results and lift.',
    loading: 'Loading the journey…',
    detailTitle: 'Journey #{{id}}',
    backToList: '← Back to journeys',
    neverPublished: 'Not published',
    versionLine: 'Version {{version}} is live',
    status: {
      draft: 'Draft',
      active: 'Active',
      paused: 'Paused',
      archived: 'Archived',
    },
    fields: {
      name: 'Name',
      status: 'Status',
      currentVersion: 'Published version',
      entered: 'Entered',
      converted: 'Converted',
      conversionRate: 'Conversion rate',
      lift: 'Lift',
    },
    create: {
      title: 'New journey',
      name: 'Name',
      template: 'Template',
      templateHint: 'Start from a scenario of scenarios/, or from an empty canvas.',
      empty: 'Empty canvas',
      submit: 'Create and open the canvas',
      failed: 'The journey could not be created',
    },
    list: {
      caption: 'Journeys',
      loading: 'Loading the journeys…',
      failed: 'The journeys could not be loaded',
      empty: 'There are no journeys yet.',
    },
    notFound: {
      title: 'Journey not found',
      body: 'Journey "{{id}}" does not exist or belongs to another workspace.',
    },
  },
  canvas: canvasEn,
  segments: segmentsEn,
  analytics: analyticsEn,
  channels: channelsEn,
  notFound: {
    title: 'Page not found',
    body: 'There is no page at {{path}}.',
    home: 'Back to home',
  },
};
