/** The ticket's action menu (a Radix dropdown): "Merge into…" any ticket number, confirmed in a dialog. */
import { DropdownMenu } from 'radix-ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MergeDialog } from './MergeDialog';

export function TicketMenu({ number }: { number: string }) {
  const { t } = useTranslation();
  const [merging, setMerging] = useState(false);
  return (
    <>
      {/* Not modal: the dialog it opens takes the focus, the menu must not hand it back on closing. */}
      <DropdownMenu.Root modal={false}>
        <DropdownMenu.Trigger asChild>
          <button type="button" className="secondary icon" aria-label={t('ticketHelp.merge.menu')}>
            <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18">
              <circle cx="5" cy="12" r="2" fill="currentColor" />
              <circle cx="12" cy="12" r="2" fill="currentColor" />
              <circle cx="19" cy="12" r="2" fill="currentColor" />
            </svg>
          </button>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className="menu" align="end" sideOffset={4}>
            <DropdownMenu.Item className="menu-item" onSelect={() => setMerging(true)}>
              {t('ticketHelp.merge.mergeInto')}
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      <MergeDialog from={number} into={null} open={merging} onOpenChange={setMerging} />
    </>
  );
}
