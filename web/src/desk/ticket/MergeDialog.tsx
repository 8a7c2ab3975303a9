/**
 * "Merge into…": a Radix alert dialog (focus trapped, Escape cancels) that says what a merge does and
 * merges the open ticket into `into` — given (a possible duplicate) or typed by the agent. After the
 * merge the page follows to the surviving ticket; the merged number keeps opening it.
 */
import { AlertDialog } from 'radix-ui';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMergeTicket } from '../../api/ticket-help';
import { ProblemAlert } from '../../components/ProblemAlert';
import { routes } from '../../routes';

interface Props {
  /** The ticket that is merged away (the duplicate). */
  from: string;
  /** The surviving ticket; null: the agent types its number. */
  into: string | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

export function MergeDialog({ from, into, open, onOpenChange }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const merge = useMergeTicket();
  const [typed, setTyped] = useState('');
  const [missing, setMissing] = useState(false);
  const target = (into ?? typed).trim().toUpperCase();

  useEffect(() => {
    if (!open) {
      setTyped('');
      setMissing(false);
      merge.reset();
    }
    // merge.reset is stable enough for this: only the dialog's opening matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const confirm = async () => {
    if (!target) {
      setMissing(true);
      return;
    }
    try {
      const result = await merge.mutateAsync({ id: from, into: target });
      onOpenChange(false);
      void navigate(routes.deskTicket(result.into_ticket_number), {
        state: { mergedFrom: result.ticket_number },
      });
    } catch {
      // shown below from merge.error
    }
  };

  return (
    <AlertDialog.Root open={open} onOpenChange={onOpenChange}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog merge-dialog">
          <AlertDialog.Title>
            {into
              ? t('ticketHelp.merge.confirmTitle', { from, into })
              : t('ticketHelp.merge.title', { number: from })}
          </AlertDialog.Title>
          <form
            className="merge-form"
            onSubmit={(event) => {
              event.preventDefault();
              void confirm();
            }}
          >
            {!into && (
              <label className="field">
                <span>{t('ticketHelp.merge.target')}</span>
                <input
                  value={typed}
                  autoComplete="off"
                  spellCheck={false}
                  aria-invalid={missing || undefined}
                  onChange={(e) => {
                    setTyped(e.target.value);
                    setMissing(false);
                  }}
                />
              </label>
            )}
            <AlertDialog.Description>
              {t('ticketHelp.merge.explain', { from, into: target || '…' })}
            </AlertDialog.Description>
            {missing && (
              <p className="alert" role="alert">
                {t('ticketHelp.merge.noTarget')}
              </p>
            )}
            {merge.isError && <ProblemAlert error={merge.error} />}
            <div className="dialog-actions">
              <AlertDialog.Cancel asChild>
                <button type="button" className="secondary">
                  {t('ticketHelp.merge.cancel')}
                </button>
              </AlertDialog.Cancel>
              <button type="submit" className="primary" disabled={merge.isPending}>
                {merge.isPending ? t('ticketHelp.merge.merging') : t('ticketHelp.merge.confirm')}
              </button>
            </div>
          </form>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
