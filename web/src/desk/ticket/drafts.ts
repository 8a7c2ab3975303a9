/** Composer drafts, saved while typing (localStorage of this browser), one per ticket. */
export interface Draft {
  text: string;
  internal: boolean;
}

const key = (ticket: string) => `bfg2-support.draft.${ticket}`;

export function loadDraft(ticket: string): Draft | null {
  try {
    const parsed = JSON.parse(localStorage.getItem(key(ticket)) ?? 'null') as Draft | null;
    return parsed && typeof parsed.text === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

export function saveDraft(ticket: string, draft: Draft): void {
  if (draft.text.trim()) localStorage.setItem(key(ticket), JSON.stringify(draft));
  else localStorage.removeItem(key(ticket));
}

export function clearDraft(ticket: string): void {
  localStorage.removeItem(key(ticket));
}
