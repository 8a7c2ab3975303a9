-- Account mails in the customer's (or staff member's) language and the workspace's branding (issue 15):
-- the login link, the sign-up confirmation (and its "you already have an account" twin), the customer's
-- password reset, the staff invitation and the staff password reset become mail-template kinds, so a
-- workspace can reword them per language like the ticket mails. Their defaults live in the code
-- (modules/email/outbound/default-templates.ts); a row here is only a workspace's own wording.
ALTER TABLE mail_templates DROP CONSTRAINT mail_templates_kind_check;
ALTER TABLE mail_templates ADD CONSTRAINT mail_templates_kind_check CHECK (kind IN (
  'acknowledgement', 'reply', 'resolved',
  'login_link', 'signup_confirmation', 'signup_existing_account', 'password_reset',
  'staff_invitation', 'staff_password_reset'
));
