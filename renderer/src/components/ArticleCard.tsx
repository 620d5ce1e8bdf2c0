import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemSummary } from '../../../common/content.js';
import { formatPublished, metaLine } from '../i18n/format.js';
import { currentLanguage } from '../i18n/i18n.js';

/** The whole card is one button: a passerby taps anywhere on a story, not on a small link. */
export function ArticleCard({
  item,
  lead,
  onOpen,
}: {
  item: ItemSummary;
  lead: boolean;
  onOpen: (item: ItemSummary) => void;
}) {
  const { i18n } = useTranslation();
  const id = useId();
  const hasSummary = item.summary !== '';
  return (
    <button
      type="button"
      className={lead ? 'card card--lead' : 'card'}
      lang={item.language}
      aria-labelledby={`${id}-title`}
      aria-describedby={hasSummary ? `${id}-meta ${id}-summary` : `${id}-meta`}
      data-testid="article-card"
      onClick={() => onOpen(item)}
    >
      {item.section !== '' && <span className="card-kicker">{item.section}</span>}
      <span className="card-title" id={`${id}-title`} data-testid="card-title">
        {item.title}
      </span>
      <span className="card-meta" id={`${id}-meta`}>
        {metaLine(item.source, formatPublished(item.publishedAt, currentLanguage(i18n)))}
      </span>
      {hasSummary && (
        <span className="card-summary" id={`${id}-summary`}>
          {item.summary}
        </span>
      )}
    </button>
  );
}
