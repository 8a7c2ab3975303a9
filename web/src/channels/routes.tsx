/** The channels area's desk routes (/desk/chats, /desk/calls/new), spread into the SPA's router; each its own chunk. */
import { lazy, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { Guard, Lazy } from '../guards';

const DeskLayout = lazy(() => import('../desk/DeskLayout'));
const ChatsScene = lazy(() => import('./ChatsScene'));
const LogCallScene = lazy(() => import('./LogCallScene'));

const inDesk = (scene: ReactNode) => (
  <Guard allow="staff">
    <Lazy>
      <DeskLayout>
        <Lazy>{scene}</Lazy>
      </DeskLayout>
    </Lazy>
  </Guard>
);

export const channelsRoutes: RouteObject[] = [
  { path: '/desk/chats', element: inDesk(<ChatsScene />) },
  { path: '/desk/calls/new', element: inDesk(<LogCallScene />) },
];
