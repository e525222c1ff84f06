-- The staff workflow: interim answers, reopening, citizens' ratings, and the indexes of the
-- operators' queue, executors' queues and the statistics.

alter table incident
    add column interim_answer_text   varchar(5000),
    add column interim_planned_date  date,
    add column interim_answered_at   timestamptz,
    add column reopen_count          integer      not null default 0,
    add column rating_accepted       boolean,
    add column rating_comment        varchar(2000),
    add column rated_at              timestamptz,
    add column redirected_to         varchar(300),
    add column search_vector         tsvector generated always as (to_tsvector('russian', text)) stored;

-- queues: by organisation and status, newest first or by deadline
create index incident_queue_recent on incident (organization_code, status, created_at desc, id desc);
create index incident_queue_deadline on incident (organization_code, status, resolution_due, id);
create index incident_status_recent on incident (status, created_at desc, id desc);
create index incident_status_deadline on incident (status, resolution_due, id);
create index incident_created on incident (created_at, id);
create index incident_search on incident using gin (search_vector);
