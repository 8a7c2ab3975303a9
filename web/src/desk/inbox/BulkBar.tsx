/**
 * Bulk actions on the selected tickets (assign, status, priority, tag), each done ticket by ticket
 * through the same API calls as the ticket page; what failed is said with the server's reason.
 */
import { DropdownMenu } from 'radix-ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketStatus } from '../../api/types';
import { useAgents, usePriorities, useTags, useTicketActions } from '../../api/queries';
import { problemMessage } from '../../components/ProblemAlert';
import { useStaff } from '../useStaff';

const STATUSES: TicketStatus[] = ['open', 'pending', 'on_hold', 'resolved', 'closed'];

export function BulkBar({ selected, onClear }: { selected: string[]; onClear: () => void }) {
  const { t } = useTranslation();
  const me = useStaff();
  const actions = useTicketActions();
  const { agents } = useAgents();
  const priorities = usePriorities().data?.results ?? [];
  const tags = useTags().data?.results ?? [];
  const [result, setResult] = useState<string | null>(null);

  const run = async (each: (id: string) => Promise<unknown>) => {
    setResult(null);
    const outcomes = await Promise.allSettled(selected.map(each));
    const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    const done = outcomes.length - failed.length;
    const parts = [t('bulk.done', { count: done })];
    if (failed[0])
      parts.push(t('bulk.failed', { count: failed.length, reason: problemMessage(failed[0].reason) }));
    setResult(parts.join(' '));
  };

  const menu = (
    label: string,
    items: { key: string; label: string; act: (id: string) => Promise<unknown> }[],
  ) => (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <button type="button" className="secondary">
          {label}
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="start" sideOffset={4}>
          {items.map((item) => (
            <DropdownMenu.Item key={item.key} className="menu-item" onSelect={() => void run(item.act)}>
              {item.label}
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );

  return (
    <div className="bulk-bar" role="toolbar" aria-label={t('bulk.label')}>
      <span className="bulk-count">{t('inbox.selected', { count: selected.length })}</span>
      {menu(t('bulk.assign'), [
        {
          key: 'me',
          label: t('ticket.assignToMe'),
          act: (id) => actions.assign.mutateAsync({ id, body: { assigned_to: me.user.id } }),
        },
        {
          key: 'none',
          label: t('ticket.nobody'),
          act: (id) => actions.assign.mutateAsync({ id, body: { assigned_to: null } }),
        },
        ...agents.map((a) => ({
          key: String(a.id),
          label: a.name,
          act: (id: string) => actions.assign.mutateAsync({ id, body: { assigned_to: a.id } }),
        })),
      ])}
      {menu(
        t('bulk.status'),
        STATUSES.map((s) => ({
          key: s,
          label: t(`status.${s}`),
          act: (id) => actions.setStatus.mutateAsync({ id, status: s }),
        })),
      )}
      {menu(
        t('bulk.priority'),
        priorities.map((p) => ({
          key: p.code ?? '',
          label: p.name ?? '',
          act: (id) => actions.patch.mutateAsync({ id, body: { priority: p.code ?? '' } }),
        })),
      )}
      {menu(
        t('bulk.tag'),
        tags.map((x) => ({
          key: x.slug ?? '',
          label: x.name ?? '',
          act: (id) => actions.tag.mutateAsync({ id, add: [x.slug ?? ''] }),
        })),
      )}
      <button type="button" className="link" onClick={onClear}>
        {t('bulk.clear')}
      </button>
      <span role="status" className="bulk-result">
        {result}
      </span>
    </div>
  );
}
