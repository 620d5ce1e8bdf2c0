import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Article, ItemSummary } from '../../../common/content.js';
import { useBridge } from '../app/bridgeContext.js';
import { BackButton } from '../components/BackButton.js';
import { SafeHtml } from '../components/SafeHtml.js';
import { TextSizeToggle, type TextSize } from '../components/TextSizeToggle.js';
import { formatPublished, metaLine } from '../i18n/format.js';
import { currentLanguage } from '../i18n/i18n.js';

type Body = { kind: 'loading' } | { kind: 'ready'; article: Article } | { kind: 'missing' } | { kind: 'failed' };

export interface ArticleScreenProps {
  /** The card that was tapped: its title paints at once while the body is fetched. */
  item: ItemSummary;
  textSize: TextSize;
  onTextSize: (size: TextSize) => void;
  onBack: () => void;
}

/** Mounted fresh per article (keyed by id), so every story opens scrolled to its top. */
export function ArticleScreen({ item, textSize, onTextSize, onBack }: ArticleScreenProps) {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const [body, setBody] = useState<Body>({ kind: 'loading' });

  useEffect(() => {
    let cancelled = false;
    bridge.invoke('content:article', { id: item.id }).then(
      (article) => {
        if (!cancelled) setBody(article === null ? { kind: 'missing' } : { kind: 'ready', article });
      },
      () => {
        if (!cancelled) setBody({ kind: 'failed' });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [bridge, item.id]);

  const shown: ItemSummary = body.kind === 'ready' ? body.article : item;
  return (
    <div className="screen article-screen" data-testid="article-view">
      <header className="article-toolbar">
        <BackButton placement="top" onBack={onBack} />
        <TextSizeToggle value={textSize} onChange={onTextSize} />
      </header>
      <main className="scroll-area article-scroll">
        <article className={`article article--${textSize}`} lang={shown.language}>
          {shown.section !== '' && <p className="article-kicker">{shown.section}</p>}
          <h1 className="article-title" data-testid="article-title">
            {shown.title}
          </h1>
          <p className="article-meta">
            {metaLine(shown.source, formatPublished(shown.publishedAt, currentLanguage(i18n)))}
          </p>
          <div className="article-body" data-testid="article-body" aria-busy={body.kind === 'loading'}>
            {body.kind === 'ready' &&
              (body.article.html === undefined ? (
                body.article.paragraphs.map((text, index) => <p key={index}>{text}</p>)
              ) : (
                <SafeHtml className="article-html" html={body.article.html} images={body.article.images} />
              ))}
            {body.kind === 'loading' && <p className="article-status">{t('article.loading')}</p>}
            {body.kind === 'missing' && <p className="article-status">{t('article.missing')}</p>}
            {body.kind === 'failed' && <p className="article-status">{t('article.failed')}</p>}
          </div>
        </article>
      </main>
      <footer className="article-dock">
        <BackButton placement="dock" onBack={onBack} />
      </footer>
    </div>
  );
}
