import { useTranslation } from 'react-i18next';

export const TEXT_SIZES = ['normal', 'large', 'larger'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

const GLYPH: Record<TextSize, string> = { normal: 'A', large: 'A+', larger: 'A++' };

export function TextSizeToggle({ value, onChange }: { value: TextSize; onChange: (size: TextSize) => void }) {
  const { t } = useTranslation();
  return (
    <div className="segmented text-size" role="group" aria-label={t('article.textSize')}>
      {TEXT_SIZES.map((size) => (
        <button
          key={size}
          type="button"
          className={`text-size-button text-size-button--${size}`}
          aria-label={t(`article.size.${size}`)}
          aria-pressed={size === value}
          data-testid={`text-size-${size}`}
          onClick={() => onChange(size)}
        >
          {GLYPH[size]}
        </button>
      ))}
    </div>
  );
}
