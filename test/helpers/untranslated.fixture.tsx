// A fixture for test/ui/untranslated.test.ts: three untranslated texts and several that are not text.
declare const t: (key: string) => string;
export const fixture = (
  <div className="pg-a pg-b" data-testid="x-y">
    Refresh now
    <a title="Open in Jira" href="/browse/OPS-1">
      {t('project.open')}
    </a>
    <span aria-label={t('project.label')}>{'pg-x pg-y'}</span>
  </div>
);
export const message = 'the gate could not be read';
export const ignored = 'a line that opts out'; // i18n-ignore: a fixture
