/**
 * The admin menu's names, which the desk's menu shows too: in the start bundle (en.ts/de.ts), while the
 * rest of the admin strings load with the admin console (admin/catalogue.ts).
 */
export const adminNavEn = {
  label: 'Admin',
  desk: 'Back to the desk',
  workspace: 'Workspace',
  categories: 'Categories',
  priorities: 'Priorities',
  slas: 'SLAs',
  teams: 'Teams',
  tags: 'Tags',
  templates: 'Templates',
  webhooks: 'Webhooks',
  kb: 'Knowledge base',
} as const;

export const adminNavDe = {
  label: 'Verwaltung',
  desk: 'Zurück zum Desk',
  workspace: 'Arbeitsbereich',
  categories: 'Kategorien',
  priorities: 'Prioritäten',
  slas: 'SLAs',
  teams: 'Teams',
  tags: 'Schlagwörter',
  templates: 'Vorlagen',
  webhooks: 'Webhooks',
  kb: 'Wissensdatenbank',
};
