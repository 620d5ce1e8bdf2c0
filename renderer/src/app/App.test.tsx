// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from '../i18n/i18n.js';
import { article, createFakeBridge, onlineStatus, summary, thisYear, type FakeBridge } from '../testing/fakeBridge.js';
import { App } from './App.js';
import { IDLE_RETURN_MS } from './Kiosk.js';

const first = summary('a-1', '城市更新让老街区焕发新生');
const second = summary('a-2', '社区食堂开进老旧小区', { source: '北京日报', summary: '老人吃饭不再发愁。' });

function renderApp(bridge: FakeBridge) {
  return render(<App bridge={bridge} i18n={createI18n(window.localStorage)} />);
}

function newsBridge(): FakeBridge {
  return createFakeBridge({
    'content:list': () => [first, second],
    'content:article': ({ id }) =>
      id === second.id ? article(second, ['第一段：社区食堂今天开业。', '第二段：每餐十二元。']) : null,
  });
}

beforeEach(() => window.localStorage.clear());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('home', () => {
  it('shows a card per item from content:list, in order', async () => {
    renderApp(newsBridge());
    const cards = await screen.findAllByTestId('article-card');
    expect(cards.map((card) => within(card).getByTestId('card-title').textContent)).toEqual([
      first.title,
      second.title,
    ]);
    expect(cards[1]).toHaveProperty('textContent', expect.stringContaining('北京日报 · 11月22日'));
    expect(screen.queryByTestId('empty-state')).toBeNull();
  });

  it('says content is on its way when there is none yet', async () => {
    renderApp(createFakeBridge());
    expect((await screen.findByTestId('empty-state')).textContent).toContain('暂无内容，正在同步…');
  });

  it('reloads the list when the host announces new content', async () => {
    const bridge = newsBridge();
    renderApp(bridge);
    await screen.findAllByTestId('article-card');
    bridge.handlers['content:list'] = () => [summary('a-3', '早高峰地铁加开列车'), first, second];
    act(() => bridge.emit('content:changed', { contentVersion: 'v2' }));
    expect(await screen.findByText('早高峰地铁加开列车')).toBeTruthy();
    expect(screen.getAllByTestId('article-card')).toHaveLength(3);
  });
});

describe('article', () => {
  it('opens on tap with its paragraphs, and back returns to the list', async () => {
    renderApp(newsBridge());
    fireEvent.click((await screen.findAllByTestId('article-card'))[1]!);

    expect(screen.getByTestId('article-title').textContent).toBe(second.title);
    const body = screen.getByTestId('article-body');
    await within(body).findByText('第一段：社区食堂今天开业。');
    expect([...body.querySelectorAll('p')].map((p) => p.textContent)).toEqual([
      '第一段：社区食堂今天开业。',
      '第二段：每餐十二元。',
    ]);
    expect(screen.queryByTestId('home')).toBeNull();

    fireEvent.click(screen.getByTestId('back-button'));
    expect(screen.getByTestId('home')).toBeTruthy();
    expect(screen.queryByTestId('article-view')).toBeNull();
    expect(screen.getAllByTestId('article-card')).toHaveLength(2);
  });

  it('tells the reader when the story has been withdrawn', async () => {
    renderApp(newsBridge());
    fireEvent.click((await screen.findAllByTestId('article-card'))[0]!);
    expect(await within(screen.getByTestId('article-body')).findByText('这篇文章已经下线。')).toBeTruthy();
  });

  it('goes back to the front page after the idle time without a touch', async () => {
    vi.useFakeTimers();
    renderApp(newsBridge());
    await act(() => vi.advanceTimersByTimeAsync(0));
    fireEvent.click(screen.getAllByTestId('article-card')[1]!);

    await act(() => vi.advanceTimersByTimeAsync(IDLE_RETURN_MS - 10_000));
    fireEvent.pointerDown(screen.getByTestId('article-body'));
    await act(() => vi.advanceTimersByTimeAsync(IDLE_RETURN_MS - 1_000));
    expect(screen.getByTestId('article-view')).toBeTruthy();

    await act(() => vi.advanceTimersByTimeAsync(2_000));
    expect(screen.queryByTestId('article-view')).toBeNull();
    expect(screen.getByTestId('home')).toBeTruthy();
  });
});

describe('offline indicator', () => {
  it('appears when sync:status says offline, with the last good sync', async () => {
    renderApp(
      createFakeBridge({
        'sync:status': () => ({ ...onlineStatus, online: false, lastSuccessAt: `${thisYear}-11-21` }),
      }),
    );
    const indicator = await screen.findByTestId('offline-indicator');
    expect(indicator.textContent).toContain('离线 · 显示已缓存内容');
    expect(indicator.textContent).toContain('上次同步 11月21日');
  });

  it('follows sync:status events both ways', async () => {
    const bridge = createFakeBridge();
    renderApp(bridge);
    await screen.findByTestId('home');
    expect(screen.queryByTestId('offline-indicator')).toBeNull();
    act(() => bridge.emit('sync:status', { ...onlineStatus, online: false }));
    expect(screen.getByTestId('offline-indicator')).toBeTruthy();
    act(() => bridge.emit('sync:status', onlineStatus));
    expect(screen.queryByTestId('offline-indicator')).toBeNull();
  });

  it('stays hidden on a standalone board, which has no server to be offline from', async () => {
    const standalone = { ...onlineStatus, online: false, serverUrl: null };
    const bridge = createFakeBridge({ 'sync:status': () => standalone });
    renderApp(bridge);
    await screen.findByTestId('home');
    await waitFor(() => expect(bridge.calls.some((call) => call.channel === 'sync:status')).toBe(true));
    act(() => bridge.emit('sync:status', standalone));
    expect(screen.queryByTestId('offline-indicator')).toBeNull();
  });
});

describe('fault screen', () => {
  it('replaces the app when the host reports a fault', async () => {
    renderApp(
      createFakeBridge({
        'host:info': () => ({
          appVersion: '1',
          shell: 'chromium',
          fault: { code: 'database-corrupt', detail: 'SQLITE_CORRUPT' },
        }),
      }),
    );
    const fault = await screen.findByTestId('fault-screen');
    expect(fault.textContent).toContain('内容数据已损坏');
    expect(fault.textContent).toContain('SQLITE_CORRUPT');
    expect(fault.textContent).toContain('请联系管理员');
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(screen.queryByTestId('home')).toBeNull();
  });

  it('shows an internal fault while the host is unreachable and recovers when it answers', async () => {
    vi.useFakeTimers();
    const bridge = newsBridge();
    bridge.handlers['host:info'] = () => Promise.reject(new Error('connection refused'));
    renderApp(bridge);
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(screen.getByTestId('fault-screen').dataset.faultCode).toBe('internal');
    expect(screen.getByTestId('fault-screen').textContent).toContain('connection refused');

    bridge.handlers['host:info'] = () => ({ appVersion: '1', shell: 'chromium', fault: null });
    await act(() => vi.advanceTimersByTimeAsync(6_000));
    expect(screen.queryByTestId('fault-screen')).toBeNull();
    expect(screen.getAllByTestId('article-card')).toHaveLength(2);
  });
});

describe('language', () => {
  it('switches the masthead and remembers the choice', async () => {
    renderApp(newsBridge());
    expect((await screen.findByTestId('masthead-name')).textContent).toBe('电子阅报栏');
    expect(screen.getByTestId('lang-zh-CN').getAttribute('aria-pressed')).toBe('true');

    fireEvent.click(screen.getByTestId('lang-zh-TW'));
    expect(screen.getByTestId('masthead-name').textContent).toBe('電子閱報欄');
    fireEvent.click(screen.getByTestId('lang-en'));
    expect(screen.getByTestId('masthead-name').textContent).toBe('Newsboard');
    expect(screen.getByTestId('lang-en').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('lang-zh-CN').getAttribute('aria-pressed')).toBe('false');
    expect(document.documentElement.lang).toBe('en');

    cleanup();
    renderApp(newsBridge());
    expect((await screen.findByTestId('masthead-name')).textContent).toBe('Newsboard');
  });

  it('follows a language set by the host', async () => {
    const bridge = newsBridge();
    renderApp(bridge);
    await screen.findByTestId('masthead-name');
    act(() => bridge.emit('ui:language', { language: 'zh-TW' }));
    expect(screen.getByTestId('masthead-name').textContent).toBe('電子閱報欄');
  });
});
