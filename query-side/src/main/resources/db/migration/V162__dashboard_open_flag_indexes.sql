-- The dashboard's and supervision's flag lists read the flagged OPEN matters of a scope. Their condition (at risk,
-- overdue, a hop overdue, or tolerated materials outstanding; or a late home visit) was not covered by one index:
-- delegation_view_flags leaves out tolerated materials and keeps closed matters that once were overdue, and
-- delegation_view_late_home_visits keeps every matter ever visited late, so each request read a growing share of
-- the scope's history. These partial indexes hold the open flagged matters only, with the dashboard's conditions
-- written as its queries write them (DashboardQueries.flagsSql / lateVisitsSql), so PostgreSQL can prove they apply.
create index delegation_view_open_flags on delegation_view (station_code)
    where status in ('HANDLING', 'AWAITING_SUPPLEMENT', 'ESCALATED', 'SUSPENDED')
      and (at_risk or overdue or hop_overdue or tolerated_outstanding > 0);
create index delegation_view_open_late_visits on delegation_view (station_code)
    where status in ('HANDLING', 'AWAITING_SUPPLEMENT', 'ESCALATED', 'SUSPENDED') and home_visit_late;
