/** The SPA's URLs (router.tsx maps them to scenes). */
export const routes = {
  login: '/app/login',
  home: '/portal',
  newTicket: '/portal/tickets/new',
  desk: '/desk',
  deskNewTicket: '/desk/tickets/new',
  deskReports: '/desk/reports',
  admin: '/admin',
  adminKb: '/admin/kb',
  deskTicket: (number: string) => `/desk/tickets/${encodeURIComponent(number)}`,
} as const;
