import type { Messages } from './messages.js';

export const zhTW: Messages = {
  app: { name: '電子閱報欄' },
  language: {
    switchLabel: '介面語言',
    short: { 'zh-CN': '简', 'zh-TW': '繁', en: 'EN' },
    full: { 'zh-CN': '简体中文', 'zh-TW': '繁體中文', en: 'English' },
  },
  home: {
    heading: '最新內容',
    empty: '暫無內容，正在同步…',
    emptyHint: '內容同步完成後會自動顯示在這裡。',
  },
  offline: {
    label: '離線 · 顯示已快取內容',
    lastSync: '上次同步 {{time}}',
  },
  article: {
    back: '返回',
    backHome: '返回首頁',
    textSize: '字級',
    size: { normal: '標準字級', large: '大字級', larger: '特大字級' },
    loading: '正在開啟…',
    missing: '這篇文章已經下線。',
    failed: '文章暫時無法開啟，請稍後再試。',
  },
  fault: {
    heading: '暫停服務',
    title: {
      'data-dir-missing': '找不到內容儲存',
      'data-dir-unwritable': '內容儲存無法寫入',
      'database-too-new': '需要更新軟體',
      'database-corrupt': '內容資料已損壞',
      internal: '閱報欄暫時無法運作',
    },
    body: {
      'data-dir-missing': '本機的內容資料目錄不存在，暫時無法顯示新聞。',
      'data-dir-unwritable': '本機的內容資料目錄無法寫入，暫時無法更新和顯示新聞。',
      'database-too-new': '本機的內容由較新版本的軟體產生，更新軟體後才能顯示。',
      'database-corrupt': '本機的內容資料已損壞，需要重新同步後才能顯示。',
      internal: '系統正在自動重試，請稍候。',
    },
    contact: '請聯絡管理員',
  },
};
