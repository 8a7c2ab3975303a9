-- Workspace branding (admin console): an accent colour and a logo that the portal, the help centre and
-- the mails show. Both empty = the product's own look. The logo is an https URL (or a path on this
-- server); the accent colour is #rrggbb and must be dark enough for white text (checked by the API).
ALTER TABLE workspaces
  ADD COLUMN accent_color varchar(7) NOT NULL DEFAULT ''
    CHECK (accent_color = '' OR accent_color ~ '^#[0-9a-f]{6}$'),
  ADD COLUMN logo_url varchar(2000) NOT NULL DEFAULT '';
