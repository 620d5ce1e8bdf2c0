/**
 * The words of the demo quiz and notices. Each question names the seed article its fact comes from
 * and the exact phrase of the seed text that states it (`evidence`, in the seed's own script), so a
 * test can prove every answer against the seeds rather than against our memory.
 */
import type { QuizQuestion } from '../../common/kinds/quiz.js';

export interface DemoQuestion {
  question: QuizQuestion;
  sourceItemId?: string;
  /** Seed file prefix and the phrase in it that proves the answer. */
  evidence: { seed: string; phrase: string };
}

export const DEMO_QUESTIONS: readonly DemoQuestion[] = [
  {
    question: {
      id: 'xuexi-users',
      type: 'single',
      prompt: '据“学习强国”总编辑介绍，“学习强国”的用户总数超过多少人？',
      options: [
        { id: 'A', text: '3200万' },
        { id: 'B', text: '1.2亿' },
        { id: 'C', text: '3.2亿' },
        { id: 'D', text: '10.67亿' },
      ],
      answer: 'C',
      explanation: '用户总数超过3.2亿人，全国党员中的70%以上是“学习强国”用户；10.67亿是当时的网民总数。',
      tags: ['学习强国', '数字'],
    },
    sourceItemId: 'seed-004',
    evidence: { seed: '004', phrase: '3.2億人' },
  },
  {
    question: {
      id: 'xuexi-party-members',
      type: 'true-false',
      prompt: '全国党员中的70%以上是“学习强国”用户。',
      answer: true,
      explanation: '发言标题即指出：全国党员中的70%以上是“学习强国”用户。',
      tags: ['学习强国', '数字'],
    },
    sourceItemId: 'seed-004',
    evidence: { seed: '004', phrase: '70%以上' },
  },
  {
    question: {
      id: 'xuexi-question-bank',
      type: 'fill-in',
      prompt: '“强国题库”已储备答题____多道。',
      blanks: [{ accepted: ['20700', '20,700', '2.07万', '两万零七百'] }],
      explanation: '“强国题库”已储备答题20700多道。',
      tags: ['学习强国', '数字'],
    },
    sourceItemId: 'seed-004',
    evidence: { seed: '004', phrase: '20700多道' },
  },
  {
    question: {
      id: 'xuexi-daily-series',
      type: 'single',
      prompt: '“学习强国”每天定时推送“每日鉴赏”“每日一曲”等多少个“每日系列”？',
      options: [
        { id: 'A', text: '10个' },
        { id: 'B', text: '24个' },
        { id: 'C', text: '40个' },
        { id: 'D', text: '100个' },
      ],
      answer: 'C',
      explanation: '每天定时推送“每日鉴赏”“每日一曲”等40个“每日系列”。',
      tags: ['学习强国', '数字'],
    },
    sourceItemId: 'seed-004',
    evidence: { seed: '004', phrase: '40個' },
  },
  {
    question: {
      id: 'xuexi-channels',
      type: 'multiple',
      prompt: '“学习强国”为哪些读者开设了专门频道？',
      options: [
        { id: 'A', text: '老年人（“老年”频道）' },
        { id: 'B', text: '少儿（“小喇叭”频道）' },
        { id: 'C', text: '农村地区（“乡村大喇叭”频道）' },
        { id: 'D', text: '海外游客（“环球”频道）' },
      ],
      answers: ['A', 'B', 'C'],
      explanation: '有针对老年人的“老年”频道、针对少儿的“小喇叭”频道、覆盖农村地区的“乡村大喇叭”频道。',
      tags: ['学习强国'],
    },
    sourceItemId: 'seed-004',
    evidence: { seed: '004', phrase: '小喇叭' },
  },
  {
    question: {
      id: 'reading-board',
      type: 'single',
      prompt: '2019年1月，中央政治局同志在人民日报数字传播公司现场察看的数字化终端是什么？',
      options: [
        { id: 'A', text: '电子阅报栏' },
        { id: 'B', text: '自助售票机' },
        { id: 'C', text: '智能快递柜' },
      ],
      answer: 'A',
      explanation:
        '他们察看了电子阅报栏建设和推广应用情况；这种终端集成了浏览新闻、开展思想政治学习、提供图书期刊借阅等功能。',
      tags: ['电子阅报栏'],
    },
    sourceItemId: 'seed-001-p1-a1',
    evidence: { seed: '001', phrase: '电子阅报栏建设和推广应用' },
  },
  {
    question: {
      id: 'rule-of-law-online',
      type: 'fill-in',
      prompt: '要坚持依法治网、依法办网、依法____，让互联网在法治轨道上健康运行。',
      blanks: [{ accepted: ['上网'] }],
      explanation: '原文：“要坚持依法治网、依法办网、依法上网，让互联网在法治轨道上健康运行。”',
      tags: ['网络治理'],
    },
    sourceItemId: 'seed-002',
    evidence: { seed: '002', phrase: '依法治网、依法办网、依法上网' },
  },
  {
    question: {
      id: 'cyberspace-ecology',
      type: 'true-false',
      prompt: '发言认为，网络空间天清气朗、生态良好，不符合人民利益。',
      answer: false,
      explanation: '原文是：网络空间天清气朗、生态良好，符合人民利益；乌烟瘴气、生态恶化，不符合人民利益。',
      tags: ['网络治理'],
    },
    sourceItemId: 'seed-002',
    evidence: { seed: '002', phrase: '天清气朗、生态良好，符合人民利益' },
  },
  {
    question: {
      id: 'media-forms',
      type: 'multiple',
      prompt: '发言提到要灵活运用哪些融媒体形式？',
      options: [
        { id: 'A', text: '直播' },
        { id: 'B', text: '短视频' },
        { id: 'C', text: '动漫' },
        { id: 'D', text: '传真' },
      ],
      answers: ['A', 'B', 'C'],
      explanation: '原文：灵活运用直播、短视频、动漫、Vlog等融媒体形式。',
      tags: ['媒体融合'],
    },
    sourceItemId: 'seed-002',
    evidence: { seed: '002', phrase: '直播、短视频、动漫、Vlog' },
  },
];

export interface DemoNotice {
  item: { id: string; title: string; source: string; section: string; priority?: number };
  paragraphs: string[];
}

/** Invented for the demo, like the built-in articles: a community's own notices. */
export const DEMO_NOTICES: readonly DemoNotice[] = [
  {
    item: {
      id: 'demo-notice-board-hours',
      title: '阅报栏每日清晨更新内容',
      source: '社区居委会',
      section: '通知',
      priority: 1,
    },
    paragraphs: [
      '阅报栏每天清晨自动更新当天的报纸版面、新闻和学习内容，网络中断时继续显示已经下载的内容。',
      '发现屏幕无反应或内容长时间未更新，请联系物业服务中心。',
    ],
  },
  {
    item: { id: 'demo-notice-clinic', title: '本周六上午社区义诊', source: '社区卫生服务站', section: '通知' },
    paragraphs: [
      '本周六8:30至11:30，社区卫生服务站在活动中心一楼举行义诊，提供量血压、测血糖和用药咨询。',
      '请携带医保卡和近期的检查报告，行动不便的居民可以提前电话预约上门服务。',
    ],
  },
];
