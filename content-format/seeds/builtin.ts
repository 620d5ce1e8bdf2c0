/**
 * Demo articles written for this project, for machines without the seed texts: a community's own
 * board showing its notices and explaining itself. Places and people are invented.
 */
import { summarize, type DemoArticle } from './article.js';

type Draft = Omit<DemoArticle, 'summary'>;

const drafts: Draft[] = [
  {
    id: 'demo-board-opens',
    title: '小区东门电子阅报栏正式启用',
    source: '社区居委会',
    section: '社区',
    language: 'zh-CN',
    publishedAt: '2025-03-03',
    paragraphs: [
      '本周一起，小区东门入口旁的电子阅报栏正式投入使用。屏幕每天清晨自动更新，居民路过时就能看到当天的报纸版面和本地新闻。',
      '阅报栏全部用手指操作：点一下标题就能打开全文，两指张开可以放大版面。常用按钮集中在屏幕下半部分，坐轮椅的居民也能轻松够到。',
      '除了新闻，阅报栏还提供期刊、学习专题和每日答题。居委会的通知会第一时间在这里发布，不再只贴在楼道里。',
      '如果发现屏幕没有反应或内容没有更新，请告诉物业服务中心，工作人员会尽快处理。',
    ],
  },
  {
    id: 'demo-water-notice',
    title: '周六上午清洗二次供水水箱，请提前储水',
    source: '物业服务中心',
    section: '通知',
    language: 'zh-CN',
    publishedAt: '2025-03-05',
    paragraphs: [
      '为保障饮水卫生，物业将于本周六8:00至12:00清洗小区二次供水水箱，其间3号楼至8号楼暂停供水。',
      '请住户提前储存生活用水。恢复供水后，最初流出的水可能略显浑浊，打开水龙头放水一两分钟即可。',
      '家中有特殊用水需要的，请提前联系物业值班人员，我们会尽量协助。感谢大家的理解与配合。',
    ],
  },
  {
    id: 'demo-accessibility',
    title: '字太小看不清？阅报栏可以放大字号、朗读文章',
    source: '阅报栏编辑部',
    section: '便民',
    language: 'zh-CN',
    publishedAt: '2025-03-07',
    paragraphs: [
      '不少老年读者说报纸上的字看着费劲。现在点一下屏幕右下角的“大字”按钮，文章字号就放大一档，再点一次还能继续放大。',
      '打开文章后点“朗读”，阅报栏会用普通话把正文读出来，视力不好的邻居站着听就行。',
      '高对比度模式把文字换成白底黑字的粗体，阳光直射时也看得清。两分钟无人操作后，所有设置自动恢复，下一位读者不受影响。',
    ],
  },
  {
    id: 'demo-daily-quiz',
    title: '每日答题上线：五道题，两分钟',
    source: '阅报栏编辑部',
    section: '学习',
    language: 'zh-CN',
    publishedAt: '2025-03-08',
    paragraphs: [
      '阅报栏首页新增“每日答题”入口。每天五道题，涉及时事常识、安全知识和本地生活，答完立即显示得分和解析。',
      '题型有单选、多选、判断和填空四种。答错不扣分，解析会注明答案出自哪篇文章，点一下就能接着读。',
      '答题不用登录，也不记录任何个人信息。想和家人比一比，记下当天的得分就好。',
    ],
  },
  {
    id: 'demo-reading-corner',
    title: '社区图书角调整开放时间',
    source: '社区图书角',
    section: '社区',
    language: 'zh-CN',
    publishedAt: '2025-03-10',
    paragraphs: [
      '从下周起，活动中心二楼图书角的开放时间调整为每周二至周日9:00至20:00，周一闭馆整理图书。',
      '图书角新到一批科普读物和少儿绘本。凭居民卡借书，每人每次最多三本，借期三周。',
      '暂时借不到的书，可以先在阅报栏的“图书”栏目读电子版章节，再用手机扫描屏幕上的二维码接着读。',
    ],
  },
  {
    id: 'demo-senior-class',
    title: '長者數位學習班開始報名',
    source: '社區關懷據點',
    section: '社区',
    language: 'zh-TW',
    publishedAt: '2025-03-12',
    paragraphs: [
      '社區關懷據點四月起開設「長者數位學習班」，每週三下午上課，共六堂，內容包括手機視訊通話、辨識詐騙訊息，以及用閱報欄查詢公車和天氣。',
      '每位長輩都有志工一對一陪同練習，不需要任何基礎，也歡迎家人一起來。每班十五人，額滿為止。',
      '有意參加的長輩，請於本月底前到據點服務台登記，也可以請家人代為報名。',
    ],
  },
  {
    id: 'demo-languages',
    title: 'The reading board now speaks your language',
    source: 'Reading board team',
    section: '社区',
    language: 'en',
    publishedAt: '2025-03-14',
    paragraphs: [
      'The reading board by the east gate can now show its menus in Simplified Chinese, Traditional Chinese and English. Tap the globe button at the bottom of the screen to switch.',
      'Articles stay in the language they were written in, while headlines, buttons and notices follow your choice. After two minutes without a touch, the board returns to its default language for the next reader.',
      'Suggestions for content in other languages are welcome at the property service desk.',
    ],
  },
];

export const builtinDemoArticles: DemoArticle[] = drafts.map((draft) => ({
  ...draft,
  summary: summarize(draft.paragraphs),
}));
