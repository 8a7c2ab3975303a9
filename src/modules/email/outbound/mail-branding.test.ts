/**
 * Customer mails carry the workspace's branding (logo, accent colour) from the same source as the portal
 * and the help centre, and come in the language the customer chose in their portal profile.
 */
import { describe, expect, it } from 'vitest';
import { asSystem, inWorkspace } from '../../../db/tenant.js';
import { testApp } from '../../../test/app.js';
import { buildCustomer, buildTicket, buildWorkspace, unique } from '../../../test/factories.js';
import { DEFAULT_MAIL_ACCENT } from './mail-branding.js';
import { queueCustomerMail } from './queue-customer-mail.js';

const ctx = await testApp();
const PUBLIC_URL = 'https://help.example.test';

async function acknowledgement(branding: { accent_color?: string; logo_url?: string; language?: string }) {
  const ws = await buildWorkspace(ctx.db);
  await asSystem(ctx.db, (tx) =>
    tx
      .updateTable('workspaces')
      .set({ accent_color: branding.accent_color ?? '', logo_url: branding.logo_url ?? '' })
      .where('id', '=', ws.id)
      .execute(),
  );
  const customer = await buildCustomer(ctx.db, ws, { name: 'Cleo' });
  if (branding.language !== undefined) {
    await inWorkspace(ctx.db, ws.id, (tx) =>
      tx
        .updateTable('customers')
        .set({ language: branding.language! })
        .where('id', '=', customer.id)
        .execute(),
    );
  }
  const ticket = await buildTicket(ctx.db, ws, { customerId: customer.id });
  const queued = await inWorkspace(ctx.db, ws.id, (tx) =>
    queueCustomerMail(
      tx,
      { jobs: ctx.deps.jobs, publicUrl: PUBLIC_URL, mailFrom: 'support@example.test' },
      { workspaceId: ws.id, ticketId: ticket.id, kind: 'acknowledgement', sourceKey: `test:${unique()}` },
    ),
  );
  expect(queued).not.toBeNull();
  return inWorkspace(ctx.db, ws.id, (tx) =>
    tx
      .selectFrom('outbound_emails')
      .select(['text_body', 'html_body'])
      .where('id', '=', queued!.id)
      .executeTakeFirstOrThrow(),
  );
}

describe('customer mails and the workspace branding', () => {
  it('show the logo and the accent colour the admin set', async () => {
    const mail = await acknowledgement({ accent_color: '#7a1f5c', logo_url: 'https://cdn.example/logo.png' });
    expect(mail.html_body).toContain('<img src="https://cdn.example/logo.png"');
    expect(mail.html_body).toContain('border-top:4px solid #7a1f5c');
    expect(mail.html_body).toContain('color:#7a1f5c;text-decoration:underline');
    expect(mail.html_body).not.toContain(DEFAULT_MAIL_ACCENT);
    // The text part has no image to show: the placeholder leaves nothing behind.
    expect(mail.text_body).not.toContain('logo.png');
    expect(mail.text_body).not.toContain('{{');
  });

  it('make a logo on this server absolute, and fall back to the product’s look without branding', async () => {
    const local = await acknowledgement({ logo_url: '/files/logo.svg' });
    expect(local.html_body).toContain(`<img src="${PUBLIC_URL}/files/logo.svg"`);
    const plain = await acknowledgement({});
    expect(plain.html_body).not.toContain('<img');
    expect(plain.html_body).toContain(`border-top:4px solid ${DEFAULT_MAIL_ACCENT}`);
    expect(plain.html_body).not.toContain('{{');
  });

  it('never pass on a stored logo that is not an https URL or a local path', async () => {
    const mail = await acknowledgement({ logo_url: 'javascript:alert(1)' });
    expect(mail.html_body).not.toContain('javascript:');
    expect(mail.html_body).not.toContain('<img');
    expect(mail.html_body).toContain(DEFAULT_MAIL_ACCENT);
  });

  it('come in the language the customer chose in the portal', async () => {
    const de = await acknowledgement({ language: 'de' });
    expect(de.text_body).toMatch(/Hallo|Guten Tag/);
    const unset = await acknowledgement({});
    expect(unset.text_body).toMatch(/Hello/);
  });
});
