/**
 * Admin → Mail templates: the wording of each customer mail (acknowledgement, public reply, resolved
 * notice) per language, text and HTML part, with a live preview the server renders for a sample ticket
 * (the same code as a real mail, so what the admin sees is what customers get), save and reset.
 */
import { useDeferredValue, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Splash } from '../../guards';
import { useAdminMutation } from '../api';
import { MutationStatus } from '../MutationStatus';
import {
  useMailPreview,
  useMailTemplates,
  type MailLanguage,
  type MailTemplate,
  type MailTemplateKind,
} from './api';
import './mail.css';

function Preview(props: { kind: MailTemplateKind; language: MailLanguage; text: string; html: string }) {
  const { t } = useTranslation();
  const draft = useDeferredValue({ text_body: props.text, html_body: props.html });
  const preview = useMailPreview(props.kind, props.language, draft);
  return (
    <section className="field" aria-labelledby="mt-preview">
      <h2 id="mt-preview">{t('mail.templates.preview')}</h2>
      {preview.error ? <ProblemAlert error={preview.error} /> : null}
      {preview.data && (
        <>
          <p>
            <strong>{t('mail.templates.subject')}:</strong>{' '}
            <span data-testid="mt-subject">{preview.data.subject}</span>
          </p>
          {/* The rendered HTML in a frame that may run nothing and load nothing. */}
          <iframe
            className="mail-frame"
            sandbox=""
            srcDoc={preview.data.html_body}
            title={t('mail.templates.htmlPreview')}
          />
          <h3>{t('mail.templates.textPreview')}</h3>
          <pre
            className="mail-source"
            data-testid="mt-text-preview"
            tabIndex={0}
            aria-label={t('mail.templates.textPreview')}
          >
            {preview.data.text_body}
          </pre>
        </>
      )}
    </section>
  );
}

function Editor({ template, placeholders }: { template: MailTemplate; placeholders: string[] }) {
  const { t } = useTranslation();
  const [text, setText] = useState(template.text_body);
  const [html, setHtml] = useState(template.html_body);
  const path = { params: { path: { kind: template.kind, language: template.language } } };
  const save = useAdminMutation(() =>
    unwrap(
      api.http.PUT('/api/support/admin/mail-templates/{kind}/{language}/', {
        ...path,
        body: { text_body: text, html_body: html },
      }),
    ),
  );
  const reset = useAdminMutation(() =>
    unwrap(api.http.DELETE('/api/support/admin/mail-templates/{kind}/{language}/', path)),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const onReset = () => {
    if (!window.confirm(t('mail.templates.resetConfirm'))) return;
    reset.mutate(undefined, {
      onSuccess: (fresh) => {
        setText(fresh.text_body);
        setHtml(fresh.html_body);
      },
    });
  };
  return (
    <div className="editor-split">
      <form className="stack" onSubmit={onSubmit} aria-label={t(`mail.templates.kinds.${template.kind}`)}>
        <p>
          <span className="status-chip" data-testid="mt-state">
            {template.is_default ? t('mail.templates.default') : t('mail.templates.customised')}
          </span>
        </p>
        <label className="field">
          {t('mail.templates.text')}
          <textarea value={text} onChange={(e) => setText(e.target.value)} spellCheck />
        </label>
        <label className="field">
          {t('mail.templates.html')}
          <textarea value={html} onChange={(e) => setHtml(e.target.value)} spellCheck={false} />
        </label>
        <div>
          <h3 id="mt-placeholders">{t('mail.templates.placeholders')}</h3>
          <ul className="placeholder-list" aria-labelledby="mt-placeholders">
            {placeholders.map((p) => (
              <li key={p}>
                <code>{`{{${p}}}`}</code>
              </li>
            ))}
          </ul>
        </div>
        <div className="row">
          <button type="submit" className="primary" disabled={save.isPending}>
            {t('mail.templates.save')}
          </button>
          <button type="button" className="secondary" disabled={template.is_default} onClick={onReset}>
            {t('mail.templates.reset')}
          </button>
        </div>
        <MutationStatus error={save.error ?? reset.error} saved={save.isSuccess} />
      </form>
      <Preview kind={template.kind} language={template.language} text={text} html={html} />
    </div>
  );
}

export default function MailTemplatesScene() {
  const { t } = useTranslation();
  const templates = useMailTemplates();
  const [kind, setKind] = useState<MailTemplateKind>('acknowledgement');
  const [language, setLanguage] = useState<MailLanguage>('en');
  if (templates.error) return <ProblemAlert error={templates.error} />;
  if (!templates.data) return <Splash />;
  const all = templates.data.results;
  const kinds = [...new Set(all.map((r) => r.kind))];
  const languages = [...new Set(all.map((r) => r.language))];
  const current = all.find((r) => r.kind === kind && r.language === language);
  return (
    <section className="admin-page" aria-labelledby="mt-title">
      <h1 id="mt-title">{t('mail.templates.title')}</h1>
      <p className="muted">{t('mail.templates.intro')}</p>
      <div className="form-grid">
        <label className="field">
          {t('mail.templates.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as MailTemplateKind)}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`mail.templates.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('mail.templates.language')}
          <select value={language} onChange={(e) => setLanguage(e.target.value as MailLanguage)}>
            {languages.map((l) => (
              <option key={l} value={l}>
                {t(`mail.templates.languages.${l}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {current && (
        <Editor
          key={`${current.kind}/${current.language}/${current.updated_at ?? 'default'}`}
          template={current}
          placeholders={templates.data.placeholders}
        />
      )}
    </section>
  );
}
