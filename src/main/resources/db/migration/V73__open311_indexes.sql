-- Open311 lists: requests by last change (updated_after/updated_before), and public timeline
-- entries by time (servicerequestupdates). Requests by time use incident_stats_received (V40).
create index incident_updated on incident (updated_at, id);
create index incident_event_public_recent on incident_event (occurred_at, id) where public;
