import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { FullPageSpin, NotFound } from '../components/states.tsx';
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
const DashboardRoute = lazy(() => import('./routes/dashboard.tsx'));
const PerformanceRoute = lazy(() => import('./routes/performance.tsx'));
const ReportsRoute = lazy(() => import('./routes/reports.tsx'));
const IndicatorsRoute = lazy(() => import('./routes/indicators.tsx'));
const FinancePoliciesRoute = lazy(() => import('./routes/finance-policies.tsx'));
const FinancePolicyRoute = lazy(() => import('./routes/finance-policy.tsx'));
const FinanceCalculationsRoute = lazy(() => import('./routes/finance-calculations.tsx'));
const FinanceCalculationRoute = lazy(() => import('./routes/finance-calculation.tsx'));
const FinanceApprovalsRoute = lazy(() => import('./routes/finance-approvals.tsx'));
const FinancePaymentsRoute = lazy(() => import('./routes/finance-payments.tsx'));
const FinanceServiceFeesRoute = lazy(() => import('./routes/finance-service-fees.tsx'));
const FinanceForecastRoute = lazy(() => import('./routes/finance-forecast.tsx'));
const NoticesRoute = lazy(() => import('./routes/notices.tsx'));
const ChangePasswordRoute = lazy(() => import('./routes/change-password.tsx'));
const InboxRoute = lazy(() => import('./routes/inbox.tsx'));
const EventsRoute = lazy(() => import('./routes/events.tsx'));
const EventRoute = lazy(() => import('./routes/event.tsx'));
const WeeklyRoute = lazy(() => import('./routes/weekly.tsx'));
const ClocksRoute = lazy(() => import('./routes/clocks.tsx'));
const AdminClockRulesRoute = lazy(() => import('./routes/admin-clock-rules.tsx'));
const AdminApprovalKindsRoute = lazy(() => import('./routes/admin-approval-kinds.tsx'));
const ImportsRoute = lazy(() => import('./routes/imports.tsx'));

function Home() {
  const session = useSession();
  return <Navigate to={session.status === 'signed-in' ? homePath(session.user.roles) : '/login'} replace />;
}

export function AppRouter() {
  return (
    <Routes>
      <Route path="/login" element={<LoginRoute />} />
      <Route
        path="/password"
        element={
          <RequireSession>
            <Suspense fallback={<FullPageSpin />}>
              <ChangePasswordRoute />
            </Suspense>
          </RequireSession>
        }
      />
      <Route
        element={
          <RequireSession>
            <AppLayout />
          </RequireSession>
        }
      >
        <Route index element={<Home />} />
        <Route
          path="leads"
          element={
            <RequireArea area="leads">
              <LeadsRoute />
            </RequireArea>
          }
        />
        <Route
          path="leads/:id"
          element={
            <RequireArea area="leads">
              <LeadRoute />
            </RequireArea>
          }
        />
        <Route
          path="pool"
          element={
            <RequireArea area="pool">
              <PoolRoute />
            </RequireArea>
          }
        />
        <Route
          path="projects"
          element={
            <RequireArea area="projects">
              <ProjectsRoute />
            </RequireArea>
          }
        />
        <Route
          path="projects/board"
          element={
            <RequireArea area="projects">
              <ProjectsBoardRoute />
            </RequireArea>
          }
        />
        <Route
          path="projects/:id"
          element={
            <RequireArea area="projects">
              <ProjectRoute />
            </RequireArea>
          }
        />
        <Route
          path="pipeline"
          element={
            <RequireArea area="pipeline">
              <PipelineRoute />
            </RequireArea>
          }
        />
        {/* Staff may open their own funnel (from the pipeline board); only managers have it in the menu. */}
        <Route
          path="funnel"
          element={
            <RequireArea area="pipeline">
              <FunnelRoute />
            </RequireArea>
          }
        />
        <Route
          path="agents"
          element={
            <RequireArea area="agents">
              <AgentsRoute />
            </RequireArea>
          }
        />
        <Route
          path="audit"
          element={
            <RequireArea area="audit">
              <AuditRoute />
            </RequireArea>
          }
        />
        <Route
          path="dashboard"
          element={
            <RequireArea area="dashboard">
              <DashboardRoute />
            </RequireArea>
          }
        />
        <Route
          path="performance"
          element={
            <RequireArea area="performance">
              <PerformanceRoute />
            </RequireArea>
          }
        />
        <Route
          path="reports"
          element={
            <RequireArea area="reports">
              <ReportsRoute />
            </RequireArea>
          }
        />
        <Route
          path="indicators"
          element={
            <RequireArea area="indicators">
              <IndicatorsRoute />
            </RequireArea>
          }
        />
        <Route
          path="admin/users"
          element={
            <RequireArea area="admin">
              <UsersRoute />
            </RequireArea>
          }
        />
        <Route
          path="admin/zones"
          element={
            <RequireArea area="admin">
              <ZonesRoute />
            </RequireArea>
          }
        />
        <Route
          path="admin/industries"
          element={
            <RequireArea area="admin">
              <IndustriesRoute />
            </RequireArea>
          }
        />
        <Route
          path="finance/policies"
          element={
            <RequireArea area="finance">
              <FinancePoliciesRoute />
            </RequireArea>
          }
        />
        <Route
          path="finance/policies/:id"
          element={
            <RequireArea area="finance">
              <FinancePolicyRoute />
            </RequireArea>
          }
        />
        <Route
          path="finance/calculations"
          element={
            <RequireArea area="finance">
              <FinanceCalculationsRoute />
            </RequireArea>
          }
        />
        <Route
          path="finance/calculations/:id"
          element={
            <RequireArea area="finance">
              <FinanceCalculationRoute />
            </RequireArea>
          }
        />
        <Route
          path="finance/approvals"
          element={
            <RequireArea area="financeApprovals">
              <FinanceApprovalsRoute />
            </RequireArea>
          }
        />
        <Route
          path="finance/payments"
          element={
            <RequireArea area="finance">
              <FinancePaymentsRoute />
            </RequireArea>
          }
        />
        <Route
          path="finance/service-fees"
          element={
            <RequireArea area="finance">
              <FinanceServiceFeesRoute />
            </RequireArea>
          }
        />
        <Route
          path="finance/forecast"
          element={
            <RequireArea area="finance">
              <FinanceForecastRoute />
            </RequireArea>
          }
        />
        <Route
          path="notices"
          element={
            <RequireArea area="notices">
              <NoticesRoute />
            </RequireArea>
          }
        />
        <Route
          path="inbox"
          element={
            <RequireArea area="inbox">
              <InboxRoute />
            </RequireArea>
          }
        />
        <Route
          path="events"
          element={
            <RequireArea area="events">
              <EventsRoute />
            </RequireArea>
          }
        />
        <Route
          path="events/:id"
          element={
            <RequireArea area="events">
              <EventRoute />
            </RequireArea>
          }
        />
        <Route
          path="weekly"
          element={
            <RequireArea area="weekly">
              <WeeklyRoute />
            </RequireArea>
          }
        />
        <Route
          path="clocks"
          element={
            <RequireArea area="clocks">
              <ClocksRoute />
            </RequireArea>
          }
        />
        <Route
          path="admin/clock-rules"
          element={
            <RequireArea area="admin">
              <AdminClockRulesRoute />
            </RequireArea>
          }
        />
        <Route
          path="admin/approval-kinds"
          element={
            <RequireArea area="admin">
              <AdminApprovalKindsRoute />
            </RequireArea>
          }
        />
        <Route
          path="imports"
          element={
            <RequireArea area="imports">
              <ImportsRoute />
            </RequireArea>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
