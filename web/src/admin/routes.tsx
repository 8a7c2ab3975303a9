/**
 * The admin console and KB authoring (/admin), spread into the SPA's router (router.tsx). Every scene is
 * a lazy chunk of its own, so none of this code is in the desk's or the portal's bundles. The settings
 * screens are for admins (AdminOnly; the API answers agents 403 anyway); KB authoring is for all staff.
 */
import { lazy } from 'react';
import { Navigate, Outlet, type RouteObject } from 'react-router';
import { Guard, Lazy } from '../guards';
import { AdminOnly } from './AdminOnly';

const AdminLayout = lazy(() => import('./AdminLayout'));
const WorkspaceScene = lazy(() => import('./settings/WorkspaceScene'));
const CategoriesScene = lazy(() => import('./settings/CategoriesScene'));
const PrioritiesScene = lazy(() => import('./settings/PrioritiesScene'));
const TagsScene = lazy(() => import('./settings/TagsScene'));
const TeamsScene = lazy(() => import('./settings/TeamsScene'));
const TemplatesScene = lazy(() => import('./settings/TemplatesScene'));
const WebhooksScene = lazy(() => import('./settings/WebhooksScene'));
const SlasScene = lazy(() => import('./sla/SlasScene'));
const SlaEditorScene = lazy(() => import('./sla/SlaEditorScene'));
const MailboxesScene = lazy(() => import('./mail/MailboxesScene'));
const InboundScene = lazy(() => import('./mail/InboundScene'));
const MailTemplatesScene = lazy(() => import('./mail/MailTemplatesScene'));
const KbScene = lazy(() => import('./kb/KbScene'));
const KbEditorScene = lazy(() => import('./kb/KbEditorScene'));

const adminOnly = (element: React.ReactNode) => <AdminOnly>{element}</AdminOnly>;

export const adminRoutes: RouteObject[] = [
  {
    path: '/admin',
    element: (
      <Guard allow="staff">
        <Lazy>
          <AdminLayout>
            <Lazy>
              <Outlet />
            </Lazy>
          </AdminLayout>
        </Lazy>
      </Guard>
    ),
    children: [
      { index: true, element: adminOnly(<Navigate to="workspace" replace />) },
      { path: 'workspace', element: adminOnly(<WorkspaceScene />) },
      { path: 'categories', element: adminOnly(<CategoriesScene />) },
      { path: 'priorities', element: adminOnly(<PrioritiesScene />) },
      { path: 'slas', element: adminOnly(<SlasScene />) },
      { path: 'slas/:id', element: adminOnly(<SlaEditorScene />) },
      { path: 'teams', element: adminOnly(<TeamsScene />) },
      { path: 'tags', element: adminOnly(<TagsScene />) },
      { path: 'templates', element: adminOnly(<TemplatesScene />) },
      { path: 'webhooks', element: adminOnly(<WebhooksScene />) },
      { path: 'mailboxes', element: adminOnly(<MailboxesScene />) },
      { path: 'mail/inbound', element: adminOnly(<InboundScene />) },
      { path: 'mail/templates', element: adminOnly(<MailTemplatesScene />) },
      { path: 'kb', element: <KbScene /> },
      { path: 'kb/articles/:id', element: <KbEditorScene /> },
    ],
  },
];
