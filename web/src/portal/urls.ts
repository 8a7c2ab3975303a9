/** The portal's URLs. */
export const portalRoutes = {
  home: '/portal',
  login: '/portal/login',
  signup: '/portal/signup',
  forgot: '/portal/password/forgot',
  reset: '/portal/password/reset',
  profile: '/portal/profile',
  newTicket: '/portal/tickets/new',
  ticket: (number: string) => `/portal/tickets/${encodeURIComponent(number)}`,
} as const;
