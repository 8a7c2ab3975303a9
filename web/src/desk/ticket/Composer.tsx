/**
 * The composer: public reply or internal note (a Radix toggle group; a note is yellow and says so), a
 * template picker filtered by the ticket's category and a language (the workspace's by default; its
 * placeholders filled in the preview), files by
 * picker or drag-and-drop, "send and set pending/resolved", and a draft saved while typing.
 */
import { DropdownMenu, ToggleGroup } from 'radix-ui';
import { forwardRef, useEffect, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useTemplates, useTicketActions } from '../../api/queries';
import { usePortalInfo } from '../../portal/portal-api';
import type { ReplyInput, Ticket, TicketStatus } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { CollisionWarning } from '../live/CollisionWarning';
import { collisionOf, type Collision } from '../live/collision';
import { useStaff } from '../useStaff';
import { clearDraft, loadDraft, saveDraft } from './drafts';
import { fillPlaceholders, placeholderValues } from './placeholders';

/** "English", "Deutsch"… in the UI's language; the code itself where the browser has no name. */
function languageName(code: string, uiLanguage: string): string {
  try {
    return new Intl.DisplayNames([uiLanguage], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

interface Props {
  ticket: Ticket;
  internal: boolean;
  onInternalChange: (internal: boolean) => void;
  /** Called on every change of the text (presence: "typing…"). */
  onTyping?: () => void;
  /** Text to put in at the caret (e.g. an article link); a new `seq` inserts again. */
  insertion?: { text: string; seq: number } | null;
}

export const Composer = forwardRef<HTMLTextAreaElement, Props>(function Composer(
  { ticket, internal, onInternalChange, onTyping, insertion },
  textRef,
) {
  const { t, i18n } = useTranslation();
  const me = useStaff();
  const number = ticket.ticket_number ?? '';
  const categoryTemplates = useTemplates(ticket.category?.slug ?? null, null).data?.results ?? [];
  const languages = [...new Set(categoryTemplates.map((x) => x.language ?? ''))].filter(Boolean).sort();
  // Not chosen yet: the workspace's language when it has templates in it, else every language.
  const [chosenLanguage, setLanguage] = useState<string | null>(null);
  const workspaceLanguage = usePortalInfo().data?.default_language ?? '';
  const language = chosenLanguage ?? (languages.includes(workspaceLanguage) ? workspaceLanguage : '');
  const templates = categoryTemplates.filter((x) => !language || x.language === language);
  const { reply } = useTicketActions();
  const [text, setText] = useState(() => loadDraft(number)?.text ?? '');
  const [template, setTemplate] = useState<{ id: number; rendered: string } | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [dragging, setDragging] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // The ticket version the text is based on (when the agent began it): a send tells the server, which
  // answers 409 when someone else replied or changed the ticket since.
  const basedOn = useRef<number | undefined>(ticket.version);
  const [collision, setCollision] = useState<{ found: Collision; status?: TicketStatus } | null>(null);

  useEffect(() => {
    const draft = loadDraft(number);
    if (draft?.internal !== undefined) onInternalChange(draft.internal);
    // Only when the ticket changes: the draft's mode is restored once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [number]);

  useEffect(() => {
    const timer = setTimeout(() => {
      saveDraft(number, { text, internal });
      if (text.trim()) setNotice(t('composer.draftSaved'));
    }, 400);
    return () => clearTimeout(timer);
  }, [number, text, internal, t]);

  const edit = (next: string) => {
    if (!text.trim() && next.trim()) basedOn.current = ticket.version;
    setText(next);
    onTyping?.();
  };

  const pickTemplate = (id: string) => {
    const chosen = templates.find((x) => String(x.id) === id);
    if (!chosen?.id) {
      setTemplate(null);
      return;
    }
    const values = placeholderValues(ticket, me, t(`status.${ticket.status ?? 'open'}`));
    const rendered = fillPlaceholders(chosen.content ?? '', values);
    setTemplate({ id: chosen.id, rendered });
    edit(rendered);
  };

  // The caret to restore after an insertion re-rendered the text.
  const caret = useRef<number | null>(null);
  useEffect(() => {
    const area = document.getElementById('composer-text');
    if (!insertion || !(area instanceof HTMLTextAreaElement)) return;
    const start = area.selectionStart;
    const end = area.selectionEnd;
    const before = text.slice(0, start);
    const after = text.slice(end);
    const piece = `${before && !/\s$/.test(before) ? ' ' : ''}${insertion.text}${after && !/^\s/.test(after) ? ' ' : ''}`;
    caret.current = before.length + piece.length;
    edit(before + piece + after);
    // Only a new insertion inserts; the text it goes into is read as it is at that moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [insertion?.seq]);
  useEffect(() => {
    const area = document.getElementById('composer-text');
    if (caret.current === null || !(area instanceof HTMLTextAreaElement)) return;
    area.focus();
    area.setSelectionRange(caret.current, caret.current);
    caret.current = null;
  }, [text]);

  const reset = () => {
    clearDraft(number);
    setText('');
    setFiles([]);
    setTemplate(null);
    setCollision(null);
    basedOn.current = undefined;
  };

  const send = async (status?: TicketStatus, version = basedOn.current) => {
    setNotice(null);
    // Unchanged template text goes as the template's id, so the server renders it and counts its use.
    const body: ReplyInput =
      template && text === template.rendered ? { template: template.id } : { message: text.trim() };
    if (internal) body.is_internal = true;
    if (status) body.status = status;
    if (version !== undefined) body.based_on = version;
    try {
      await reply.mutateAsync({ id: number, body, files });
    } catch (err) {
      const found = collisionOf(err);
      if (found) setCollision({ found, ...(status ? { status } : {}) });
      throw err;
    }
    reset();
    setNotice(t('composer.sent'));
  };
  const submit = (status?: TicketStatus, version?: number) => {
    if (!text.trim()) {
      setNotice(t('composer.empty'));
      return;
    }
    send(status, version ?? basedOn.current).catch(() => undefined);
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    setFiles((current) => [...current, ...Array.from(event.dataTransfer.files)]);
  };

  return (
    <section
      className={`composer ${internal ? 'composer-note' : 'composer-reply'} ${dragging ? 'dragging' : ''}`}
      aria-labelledby="composer-title"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <h2 id="composer-title" className="visually-hidden">
        {t('composer.label')}
      </h2>
      <div className="composer-bar">
        <ToggleGroup.Root
          type="single"
          value={internal ? 'note' : 'reply'}
          onValueChange={(v) => v && onInternalChange(v === 'note')}
          className="toggle"
          aria-label={t('composer.label')}
        >
          <ToggleGroup.Item value="reply">{t('composer.reply')}</ToggleGroup.Item>
          <ToggleGroup.Item value="note">{t('composer.note')}</ToggleGroup.Item>
        </ToggleGroup.Root>
        {languages.length > 1 && (
          <span className="compact-field">
            <label htmlFor="composer-template-language">{t('ticketHelp.templates.language')}</label>
            <select
              id="composer-template-language"
              value={language}
              onChange={(e) => setLanguage(e.target.value)}
            >
              <option value="">{t('ticketHelp.templates.anyLanguage')}</option>
              {languages.map((code) => (
                <option key={code} value={code}>
                  {languageName(code, i18n.language)}
                </option>
              ))}
            </select>
          </span>
        )}
        <span className="compact-field">
          <label htmlFor="composer-template">{t('composer.template')}</label>
          <select
            id="composer-template"
            value={template ? String(template.id) : ''}
            onChange={(e) => pickTemplate(e.target.value)}
          >
            <option value="">{t('composer.noTemplate')}</option>
            {templates.map((x) => (
              <option key={x.id} value={String(x.id)}>
                {x.name} ({x.language})
              </option>
            ))}
          </select>
        </span>
      </div>
      <p className="composer-hint">{internal ? t('composer.noteHint') : t('composer.replyHint')}</p>
      <label className="visually-hidden" htmlFor="composer-text">
        {internal ? t('composer.note') : t('composer.message')}
      </label>
      {template && <p className="muted small">{t('composer.preview')}</p>}
      <textarea
        id="composer-text"
        ref={textRef}
        rows={6}
        value={text}
        onChange={(e) => edit(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
        }}
      />
      {files.length > 0 && (
        <ul className="files">
          {files.map((file, i) => (
            <li key={`${file.name}-${i}`}>
              {file.name}
              <button
                type="button"
                className="link"
                aria-label={t('composer.removeFile', { name: file.name })}
                onClick={() => setFiles((current) => current.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {dragging && <p className="drop-hint">{t('composer.dropHere')}</p>}
      {collision ? (
        <CollisionWarning
          collision={collision.found}
          busy={reply.isPending}
          onSendAnyway={() => submit(collision.status, collision.found.version)}
          onDiscard={() => {
            reset();
            reply.reset();
          }}
          onReview={() => {
            // Reviewed: a later send is based on what the agent has now seen.
            basedOn.current = collision.found.version;
            setCollision(null);
            reply.reset();
            document.getElementById('composer-text')?.focus();
          }}
        />
      ) : (
        reply.isError && <ProblemAlert error={reply.error} />
      )}
      <div className="composer-actions">
        <label className="file-button secondary">
          {t('composer.attach')}
          <input
            type="file"
            multiple
            className="visually-hidden"
            onChange={(e) => setFiles((current) => [...current, ...Array.from(e.target.files ?? [])])}
          />
        </label>
        <span role="status" className="muted small composer-status">
          {notice}
        </span>
        <button type="button" className="primary" disabled={reply.isPending} onClick={() => submit()}>
          {internal ? t('composer.sendNote') : t('composer.send')}
        </button>
        {!internal && (
          <DropdownMenu.Root>
            <DropdownMenu.Trigger asChild>
              <button type="button" className="secondary" disabled={reply.isPending}>
                {t('composer.sendAnd')}
              </button>
            </DropdownMenu.Trigger>
            <DropdownMenu.Portal>
              <DropdownMenu.Content className="menu" align="end" sideOffset={4}>
                <DropdownMenu.Item className="menu-item" onSelect={() => submit('pending')}>
                  {t('composer.sendAndPending')}
                </DropdownMenu.Item>
                <DropdownMenu.Item className="menu-item" onSelect={() => submit('resolved')}>
                  {t('composer.sendAndResolved')}
                </DropdownMenu.Item>
              </DropdownMenu.Content>
            </DropdownMenu.Portal>
          </DropdownMenu.Root>
        )}
      </div>
    </section>
  );
});
