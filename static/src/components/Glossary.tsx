/** The words of the figures, on the page (issue #14): a small glossary (data-testid `glossary`). */
import { useI18n } from '../i18n';

const TERMS = ['Major', 'Restored', 'Decided', 'ThrownBack'] as const;

export function Glossary({ compact = false }: { compact?: boolean }) {
  const { t } = useI18n();
  return (
    <details className={`pg-glossary${compact ? ' pg-glossary--compact' : ''}`} data-testid="glossary">
      <summary>{t('project.glossary')}</summary>
      <dl>
        {TERMS.map((term) => (
          <div key={term} className="pg-glossary__entry">
            <dt>{t(`project.term${term}`)}</dt>
            <dd>{t(`project.meaning${term}`)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
