import type { Dictionary } from './ja';
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
  },
  ui: {
    retry: 'Try again',
    optional: '(optional)',
    error: {
      missingColumns: 'Missing columns ({{count}}):',
      unknownColumns: 'Unknown columns ({{count}}):',
      code: {
        validation_failed: 'Some values are not valid',
        not_found: 'Not found',
        conflict: 'This conflicts with another change',
        unauthenticated: 'The API key was not accepted',
        forbidden: 'This action is not allowed',
        unprocessable: 'This cannot be processed',
        payload_too_large: 'The file is too large',
        network_error: 'Cannot reach the engine',
        http_error: 'The engine returned an error',
        unexpected: 'Something unexpected went wrong',
      },
    },
  },
  connect: {
    title: 'Connect to your workspace',
    intro: 'Enter an API key to connect to a workspace of your Kizuna engine.',
    keyLabel: 'Workspace API key',
    keyHint:
      'It is printed by <code>npm start</code> on first run. To create a new one, run <code>npx kizuna api-keys create</code>.',
    showKey: 'Show the key',
    submit: 'Connect',
    checking: 'Checking the key…',
    keyRequired: 'Paste your API key.',
    keyRefused:
      'This key was not accepted. Check that you copied the whole key, or create a new one with npx kizuna api-keys create.',
    savedKeyRefusedTitle: 'The saved key no longer works',
    savedKeyRefused: 'It may have been revoked, or the database was reset. Enter a valid key.',
    engineUnreachable: 'Check that the engine is running (npm start).',
    storageNote: 'The key is stored in this browser only. On a shared computer, disconnect when you are done.',
    loadingWorkspace: 'Loading the workspace…',
    workspaceFailed: 'The workspace could not be loaded',
    useAnotherKey: 'Connect with another key',
    disconnect: 'Disconnect',
    disconnectConfirm:
      'This removes the API key from this browser; you will need the key to connect again. Disconnect?',
  },
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
