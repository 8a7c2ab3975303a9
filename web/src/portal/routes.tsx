/**
 * The customer portal's routes (/portal), spread into the SPA's router (router.tsx). The layout and
 * every page are lazy chunks of their own, so the portal never loads the desk's or the admin's code.
 */
import { lazy, useState, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { api } from '../api/client';
import { Lazy } from '../guards';
import { PortalGuard } from './PortalGuard';

const PortalLayout = lazy(() => import('./PortalLayout'));
const TicketsScene = lazy(() => import('./scenes/TicketsScene'));
const TicketScene = lazy(() => import('./scenes/TicketScene'));
const NewTicketScene = lazy(() => import('./scenes/NewTicketScene'));
const LoginScene = lazy(() => import('./scenes/LoginScene'));
const SignupScene = lazy(() => import('./scenes/SignupScene'));
const ProfileScene = lazy(() => import('./scenes/ProfileScene'));
const ForgotPasswordScene = lazy(() => import('../account/ForgotPasswordScene'));
const SetPasswordScene = lazy(() => import('../account/SetPasswordScene'));

const WORKSPACE_KEY = 'bfg2-support.workspace';

/** A link naming the workspace (?workspace=demo) makes it the portal's for this tab. */
function LinkWorkspace({ children }: { children: ReactNode }) {
  useState(() => {
    const slug = new URLSearchParams(window.location.search).get('workspace')?.trim().toLowerCase();
    if (slug) {
      api.setWorkspace(slug);
      sessionStorage.setItem(WORKSPACE_KEY, slug);
    }
    return slug;
  });
  return <>{children}</>;
}

const page = (allow: 'customer' | 'visitor' | 'anyone', scene: ReactNode) =>
  allow === 'anyone' ? (
    <Lazy>{scene}</Lazy>
  ) : (
    <PortalGuard allow={allow}>
      <Lazy>{scene}</Lazy>
    </PortalGuard>
  );

export const portalRoutes: RouteObject[] = [
  {
    path: '/portal',
    element: (
      <LinkWorkspace>
        <Lazy>
          <PortalLayout />
        </Lazy>
      </LinkWorkspace>
    ),
    children: [
      { index: true, element: page('customer', <TicketsScene />) },
      { path: 'tickets/new', element: page('anyone', <NewTicketScene />) },
      { path: 'tickets/:number', element: page('customer', <TicketScene />) },
      { path: 'profile', element: page('customer', <ProfileScene />) },
      { path: 'login', element: page('visitor', <LoginScene />) },
      { path: 'signup', element: page('visitor', <SignupScene />) },
      { path: 'password/forgot', element: page('visitor', <ForgotPasswordScene audience="customer" />) },
      { path: 'password/reset', element: page('anyone', <SetPasswordScene />) },
    ],
  },
];
