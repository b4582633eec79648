import { Navigate } from 'react-router';

/** 公海 is a tab of the leads list now (issue 10): old links and bookmarks land there. */
export default function PoolRoute() {
  return <Navigate to="/leads?scope=pool" replace />;
}
