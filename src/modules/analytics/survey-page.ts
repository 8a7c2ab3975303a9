/**
 * The survey page an emailed link opens: the rating chosen in the mail preselected, the other four one
 * click away, an optional comment, and one button that records it. Opening the page records nothing —
 * mail scanners pre-open every link of a message, and would otherwise rate each ticket 1 to 5 in turn.
 */
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

const LABELS = ['', '1 – Very poor', '2 – Poor', '3 – OK', '4 – Good', '5 – Excellent'];

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; display: grid; place-items: center; min-height: 100vh; background: #f5f6f8; color: #1d2330; }
main { background: #fff; padding: 2rem 2.5rem; border-radius: 8px; box-shadow: 0 1px 4px rgb(0 0 0 / 12%); max-width: 30rem; }
fieldset { border: 0; padding: 0; margin: 0 0 1rem; }
label { display: block; padding: 0.25rem 0; }
textarea { width: 100%; box-sizing: border-box; font: inherit; }
button { font: inherit; padding: 0.6rem 1.4rem; border: 0; border-radius: 6px; background: #2457d6; color: #fff; cursor: pointer; margin-top: 1rem; }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export interface SurveyPageTicket {
  ticket_number: string;
  subject: string;
  workspace_name: string;
  satisfaction_rating: number | null;
  satisfaction_comment: string;
}

export function surveyPage(ticket: SurveyPageTicket, action: string, chosen: number | null): string {
  const selected = chosen ?? ticket.satisfaction_rating;
  const options = [1, 2, 3, 4, 5]
    .map(
      (n) =>
        `<label><input type="radio" name="rating" value="${n}" required${n === selected ? ' checked' : ''}> ${LABELS[n]}</label>`,
    )
    .join('\n');
  return layout(
    `How did we do? ${ticket.ticket_number}`,
    `<h1>How did we do?</h1>
<p>${escapeHtml(ticket.workspace_name)} support, request ${escapeHtml(ticket.ticket_number)}: “${escapeHtml(ticket.subject)}”</p>
<form method="post" action="${escapeHtml(action)}">
<fieldset>
<legend>Your rating</legend>
${options}
</fieldset>
<label for="comment">Anything you would like to add? (optional)</label>
<textarea id="comment" name="comment" rows="4" maxlength="2000">${escapeHtml(ticket.satisfaction_comment)}</textarea>
<button type="submit">Send rating</button>
</form>`,
  );
}

export function thanksPage(rating: number): string {
  return layout(
    'Thank you',
    `<h1>Thank you!</h1><p>You rated us ${LABELS[rating]}. You can change it from the same link while the request is resolved.</p>`,
  );
}

export function problemPage(title: string, detail: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p>`);
}
