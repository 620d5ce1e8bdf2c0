/** Simplified Chinese: the default language and the shape every other resource file must match. */
export const zhCN = {
  app: { name: '电子阅报栏' },
  language: {
    switchLabel: '界面语言',
    short: { 'zh-CN': '简', 'zh-TW': '繁', en: 'EN' },
    full: { 'zh-CN': '简体中文', 'zh-TW': '繁體中文', en: 'English' },
  },
  home: {
    heading: '最新内容',
    empty: '暂无内容，正在同步…',
    emptyHint: '内容同步完成后会自动显示在这里。',
  },
  offline: {
    label: '离线 · 显示已缓存内容',
    lastSync: '上次同步 {{time}}',
  },
  article: {
    back: '返回',
    backHome: '返回首页',
    textSize: '字号',
    size: { normal: '标准字号', large: '大字号', larger: '特大字号' },
    loading: '正在打开…',
    missing: '这篇文章已经下线。',
    failed: '文章暂时无法打开，请稍后再试。',
  },
  fault: {
    heading: '暂停服务',
    title: {
      'data-dir-missing': '找不到内容存储',
      'data-dir-unwritable': '内容存储无法写入',
      'database-too-new': '需要升级软件',
      'database-corrupt': '内容数据已损坏',
      internal: '阅报栏暂时无法工作',
    },
    body: {
      'data-dir-missing': '本机的内容数据目录不存在，暂时无法显示新闻。',
      'data-dir-unwritable': '本机的内容数据目录无法写入，暂时无法更新和显示新闻。',
      'database-too-new': '本机的内容由更新版本的软件生成，升级软件后才能显示。',
      'database-corrupt': '本机的内容数据已损坏，需要重新同步后才能显示。',
      internal: '系统正在自动重试，请稍候。',
    },
    contact: '请联系管理员',
  },
};
