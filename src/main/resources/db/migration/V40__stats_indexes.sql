-- Statistics: every report reads the incidents received in a period. This index holds all the columns the
-- reports aggregate, so a month of incidents is an index-only range scan (no heap visits once vacuum has
-- marked the pages all-visible), whatever the physical order of the rows after workflow updates.
create index incident_stats_received on incident (created_at)
    include (status, organization_code, category_code, district_code, channel, first_response_due,
             first_responded_at, resolution_due, answered_at, closed_at, reopen_count, rating_accepted);
