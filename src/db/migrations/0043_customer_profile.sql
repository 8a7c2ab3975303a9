-- Customer profile (issue 15): the language a customer picks in the portal, which their portal and the
-- mails about their tickets use. '' = not chosen: the portal follows the browser, mails the workspace.
ALTER TABLE customers ADD COLUMN language varchar(10) NOT NULL DEFAULT ''
  CHECK (language IN ('', 'en', 'de'));
