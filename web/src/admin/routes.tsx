/** The admin console's routes (/admin, admins only), spread into the SPA's router (router.tsx). */
import type { RouteObject } from 'react-router';

export const adminRoutes: RouteObject[] = [];
