import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { NotFound } from '../components/states.tsx';
import { useSession } from '../lib/auth.ts';
import { RequireArea, RequireSession } from './guards.tsx';
import { AppLayout } from './layout.tsx';
import { homePath } from './navigation.ts';
import { LoginRoute } from './routes/login.tsx';

// Screens load on first visit, so signing in does not wait for every page's code.
const LeadsRoute = lazy(() => import('./routes/leads.tsx'));
const LeadRoute = lazy(() => import('./routes/lead.tsx'));
const PoolRoute = lazy(() => import('./routes/pool.tsx'));
const ProjectsRoute = lazy(() => import('./routes/projects.tsx'));
const ProjectsBoardRoute = lazy(() => import('./routes/projects-board.tsx'));
const ProjectRoute = lazy(() => import('./routes/project.tsx'));
const PipelineRoute = lazy(() => import('./routes/pipeline.tsx'));
const FunnelRoute = lazy(() => import('./routes/funnel.tsx'));
const AgentsRoute = lazy(() => import('./routes/agents.tsx'));
const AuditRoute = lazy(() => import('./routes/audit.tsx'));
const UsersRoute = lazy(() => import('./routes/admin-users.tsx'));
const ZonesRoute = lazy(() => import('./routes/admin-zones.tsx'));
const IndustriesRoute = lazy(() => import('./routes/admin-industries.tsx'));

function Home() {
  const session = useSession();
  return <Navigate to={session.status === 'signed-in' ? homePath(session.user.roles) : '/login'} replace />;
}

export function AppRouter() {
  return (
    <Routes>
      <Route path="/login" element={<LoginRoute />} />
      <Route
        element={
          <RequireSession>
            <AppLayout />
          </RequireSession>
        }
      >
        <Route index element={<Home />} />
        <Route path="leads" element={<RequireArea area="leads"><LeadsRoute /></RequireArea>} />
        <Route path="leads/:id" element={<RequireArea area="leads"><LeadRoute /></RequireArea>} />
        <Route path="pool" element={<RequireArea area="pool"><PoolRoute /></RequireArea>} />
        <Route path="projects" element={<RequireArea area="projects"><ProjectsRoute /></RequireArea>} />
        <Route path="projects/board" element={<RequireArea area="projects"><ProjectsBoardRoute /></RequireArea>} />
        <Route path="projects/:id" element={<RequireArea area="projects"><ProjectRoute /></RequireArea>} />
        <Route path="pipeline" element={<RequireArea area="pipeline"><PipelineRoute /></RequireArea>} />
        {/* Staff may open their own funnel (from the pipeline board); only managers have it in the menu. */}
        <Route path="funnel" element={<RequireArea area="pipeline"><FunnelRoute /></RequireArea>} />
        <Route path="agents" element={<RequireArea area="agents"><AgentsRoute /></RequireArea>} />
        <Route path="audit" element={<RequireArea area="audit"><AuditRoute /></RequireArea>} />
        <Route path="admin/users" element={<RequireArea area="admin"><UsersRoute /></RequireArea>} />
        <Route path="admin/zones" element={<RequireArea area="admin"><ZonesRoute /></RequireArea>} />
        <Route path="admin/industries" element={<RequireArea area="admin"><IndustriesRoute /></RequireArea>} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
