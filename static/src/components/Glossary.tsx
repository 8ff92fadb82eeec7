/** The words of the figures, on the page (issue #14): a small glossary (data-testid `glossary`). */
import { GLOSSARY } from '../gates';

export function Glossary({ compact = false }: { compact?: boolean }) {
  return (
    <details className={`pg-glossary${compact ? ' pg-glossary--compact' : ''}`} data-testid="glossary">
      <summary>What the words mean</summary>
      <dl>
        {GLOSSARY.map((g) => (
          <div key={g.term} className="pg-glossary__entry">
            <dt>{g.term}</dt>
            <dd>{g.meaning}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
