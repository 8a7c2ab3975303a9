/** The outcome of a save: the problem (with field errors) or a polite "Saved". */
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../components/ProblemAlert';

export function MutationStatus({ error, saved }: { error: unknown; saved: boolean }) {
  const { t } = useTranslation();
  if (error) return <ProblemAlert error={error} />;
  return (
    <p className="saved" role="status">
      {saved ? t('admin.saved') : ''}
    </p>
  );
}
