import type { Messages } from './messages.js';

export const en: Messages = {
  app: { name: 'Newsboard' },
  language: {
    switchLabel: 'Language',
    short: { 'zh-CN': '简', 'zh-TW': '繁', en: 'EN' },
    full: { 'zh-CN': '简体中文', 'zh-TW': '繁體中文', en: 'English' },
  },
  home: {
    heading: 'Latest',
    empty: 'No content yet, syncing…',
    emptyHint: 'Stories will appear here as soon as the first sync completes.',
  },
  offline: {
    label: 'Offline · showing saved content',
    lastSync: 'last synced {{time}}',
  },
  article: {
    back: 'Back',
    backHome: 'Back to the front page',
    textSize: 'Text size',
    size: { normal: 'Standard text', large: 'Large text', larger: 'Extra large text' },
    loading: 'Opening…',
    missing: 'This story is no longer available.',
    failed: 'This story cannot be opened right now. Please try again later.',
  },
  fault: {
    heading: 'Temporarily out of service',
    title: {
      'data-dir-missing': 'Content storage not found',
      'data-dir-unwritable': 'Content storage is not writable',
      'database-too-new': 'Software update needed',
      'database-corrupt': 'Content data is damaged',
      internal: 'This board is not working right now',
    },
    body: {
      'data-dir-missing': 'The folder that holds this board’s content is missing, so no news can be shown.',
      'data-dir-unwritable':
        'The folder that holds this board’s content cannot be written, so news cannot be updated or shown.',
      'database-too-new':
        'The content on this board was made by a newer version of the software; it appears after an update.',
      'database-corrupt': 'The content on this board is damaged; it appears again after a fresh sync.',
      internal: 'The board keeps retrying on its own. Please wait a moment.',
    },
    contact: 'Please contact the service staff',
  },
};
