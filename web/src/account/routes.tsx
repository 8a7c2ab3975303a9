/**
 * Staff account pages outside the desk (/account): set a password from an invitation or reset link, and
 * ask for a reset link. Lazy chunks; the set-password page is shared with the portal's reset link.
 */
import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { Lazy } from '../guards';

const SetPasswordScene = lazy(() => import('./SetPasswordScene'));
const ForgotPasswordScene = lazy(() => import('./ForgotPasswordScene'));

export const accountRoutes: RouteObject[] = [
  {
    path: '/account/password',
    element: (
      <main className="login">
        <Lazy>
          <SetPasswordScene />
        </Lazy>
      </main>
    ),
  },
  {
    path: '/account/password/forgot',
    element: (
      <main className="login">
        <Lazy>
          <ForgotPasswordScene audience="staff" />
        </Lazy>
      </main>
    ),
  },
];
