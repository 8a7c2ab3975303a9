/** The customer portal's routes (/portal), spread into the SPA's router (router.tsx). */
import type { RouteObject } from 'react-router';

export const portalRoutes: RouteObject[] = [];
