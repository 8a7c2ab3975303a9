/** "?": the list of keyboard shortcuts, in a Radix dialog (focus trapped, Escape closes). */
import { Dialog } from 'radix-ui';
import { useTranslation } from 'react-i18next';

const SHORTCUTS = [
  ['j', 'shortcuts.next'],
  ['k', 'shortcuts.previous'],
  ['Enter', 'shortcuts.open'],
  ['r', 'shortcuts.reply'],
  ['n', 'shortcuts.note'],
  ['a', 'shortcuts.assign'],
  ['s', 'shortcuts.status'],
  ['/', 'shortcuts.search'],
  ['g i', 'shortcuts.inbox'],
  ['?', 'shortcuts.help'],
] as const;

export function ShortcutsDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog" aria-describedby={undefined}>
          <Dialog.Title>{t('shortcuts.title')}</Dialog.Title>
          <dl className="shortcuts">
            {SHORTCUTS.map(([key, label]) => (
              <div key={key}>
                <dt>
                  <kbd>{key}</kbd>
                </dt>
                <dd>{t(label)}</dd>
              </div>
            ))}
          </dl>
          <Dialog.Close asChild>
            <button type="button" className="secondary">
              {t('shortcuts.close')}
            </button>
          </Dialog.Close>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
