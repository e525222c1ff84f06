-- The statuses of an open incident, for SQL written where the incident feature's IncidentStatus.OPEN
-- cannot be used (the reports). IncidentOpenStatusesTest keeps the two the same.
create function incident_open_statuses() returns text[]
    language sql immutable parallel safe
    as $$ select array['NEW', 'ASSIGNED', 'IN_PROGRESS', 'REOPENED'] $$;
