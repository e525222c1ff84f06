-- Statistics rollups (issue 30). Every change of an incident's reported columns leaves, in the same
-- transaction, a delta: the old row with sign -1 and the new one with sign +1 (statement triggers with
-- transition tables, so a bulk insert writes one delta statement, not a trigger call per row). Deltas are
-- insert-only: no writer ever waits for another on a shared counter row. StatsRollupFolder folds them
-- every few seconds into stats_rollup (one instance at a time) and deletes them; reports read
-- stats_rollup plus the deltas not folded yet, in one snapshot.
create table stats_delta (
    id                  bigint generated always as identity primary key,
    sign                smallint     not null check (sign in (-1, 1)),
    created_at          timestamptz  not null,
    status              varchar(16)  not null,
    organization_code   varchar(64)  not null,
    category_code       varchar(64)  not null,
    district_code       varchar(64),
    channel             varchar(16)  not null,
    first_response_due  timestamptz  not null,
    first_responded_at  timestamptz,
    resolution_due      timestamptz  not null,
    answered_at         timestamptz,
    closed_at           timestamptz,
    reopen_count        integer      not null,
    rating_accepted     boolean
);

-- One row per grain (D: a day in the city's zone; M: a month, dated its first day) × dimension (ORG, CATEGORY
-- = leaf topic, DISTRICT, CHANNEL, STATUS) × code ('' where an incident has none), for the incidents RECEIVED
-- on that day. Counters that depend on "now" are kept as pending (no first response yet; still open): the
-- reports subtract those whose deadline is still ahead, a small set read from the incidents. fr_hist and
-- ans_hist (ORG rows only) count working minutes to the first response and to the answer in log buckets:
-- bucket 0 holds [0, 1), bucket k >= 1 holds [1.02^(k-1), 1.02^k) (see LogHistogram).
create table stats_rollup (
    grain               char(1)      not null check (grain in ('D', 'M')),
    dimension           varchar(10)  not null,
    day                 date         not null,
    code                varchar(64)  not null,
    received            bigint       not null,
    cases               bigint       not null,
    fr_on_time          bigint       not null,
    fr_late             bigint       not null,
    fr_pending          bigint       not null,
    res_on_time         bigint       not null,
    res_late            bigint       not null,
    res_pending         bigint       not null,
    answered            bigint       not null,
    answered_once       bigint       not null,
    reopened            bigint       not null,
    rated               bigint       not null,
    accepted            bigint       not null,
    fr_hist             integer[],
    ans_hist            integer[],
    primary key (grain, dimension, day, code)
);

-- Element-wise sum of two histograms of any lengths (null is empty).
create function stats_hist_add(a integer[], b integer[]) returns integer[]
    language sql immutable parallel safe
    as $$
        select case when a is null then b when b is null then a else
            (select array_agg(coalesce(a[i], 0) + coalesce(b[i], 0) order by i)
             from generate_series(1, greatest(cardinality(a), cardinality(b))) as i) end
    $$;

create function stats_delta_insert() returns trigger language plpgsql as $$
begin
    insert into stats_delta (sign, created_at, status, organization_code, category_code, district_code, channel,
        first_response_due, first_responded_at, resolution_due, answered_at, closed_at, reopen_count, rating_accepted)
    select 1, n.created_at, n.status, n.organization_code, n.category_code, n.district_code, n.channel,
        n.first_response_due, n.first_responded_at, n.resolution_due, n.answered_at, n.closed_at, n.reopen_count,
        n.rating_accepted
    from new_rows n;
    return null;
end $$;

create function stats_delta_delete() returns trigger language plpgsql as $$
begin
    insert into stats_delta (sign, created_at, status, organization_code, category_code, district_code, channel,
        first_response_due, first_responded_at, resolution_due, answered_at, closed_at, reopen_count, rating_accepted)
    select -1, o.created_at, o.status, o.organization_code, o.category_code, o.district_code, o.channel,
        o.first_response_due, o.first_responded_at, o.resolution_due, o.answered_at, o.closed_at, o.reopen_count,
        o.rating_accepted
    from old_rows o;
    return null;
end $$;

-- Only rows whose reported columns changed leave a delta (a note or a text edit leaves none).
create function stats_delta_update() returns trigger language plpgsql as $$
begin
    with changed as (
        select o.id from old_rows o join new_rows n on n.id = o.id
        where (o.created_at, o.status, o.organization_code, o.category_code, o.district_code, o.channel,
               o.first_response_due, o.first_responded_at, o.resolution_due, o.answered_at, o.closed_at, o.reopen_count,
               o.rating_accepted)
              is distinct from
              (n.created_at, n.status, n.organization_code, n.category_code, n.district_code, n.channel,
               n.first_response_due, n.first_responded_at, n.resolution_due, n.answered_at, n.closed_at, n.reopen_count,
               n.rating_accepted)
    )
    insert into stats_delta (sign, created_at, status, organization_code, category_code, district_code, channel,
        first_response_due, first_responded_at, resolution_due, answered_at, closed_at, reopen_count, rating_accepted)
    select -1, o.created_at, o.status, o.organization_code, o.category_code, o.district_code, o.channel,
        o.first_response_due, o.first_responded_at, o.resolution_due, o.answered_at, o.closed_at, o.reopen_count,
        o.rating_accepted
    from old_rows o where o.id in (select id from changed)
    union all
    select 1, n.created_at, n.status, n.organization_code, n.category_code, n.district_code, n.channel,
        n.first_response_due, n.first_responded_at, n.resolution_due, n.answered_at, n.closed_at, n.reopen_count,
        n.rating_accepted
    from new_rows n where n.id in (select id from changed);
    return null;
end $$;

create trigger incident_stats_insert after insert on incident
    referencing new table as new_rows for each statement execute function stats_delta_insert();
create trigger incident_stats_update after update on incident
    referencing old table as old_rows new table as new_rows for each statement execute function stats_delta_update();
create trigger incident_stats_delete after delete on incident
    referencing old table as old_rows for each statement execute function stats_delta_delete();

-- The reports' "not yet late" part: cases without a first response whose deadline is ahead, and open
-- incidents whose resolution deadline is ahead.
create index incident_first_response_ahead on incident (first_response_due)
    include (created_at, organization_code, category_code)
    where first_responded_at is null and status not in ('REJECTED', 'DUPLICATE');
create index incident_resolution_ahead on incident (resolution_due)
    include (created_at, organization_code, category_code)
    where status = any (incident_open_statuses());

-- Incidents that existed before this migration: their rollups are built now.
insert into stats_delta (sign, created_at, status, organization_code, category_code, district_code, channel,
    first_response_due, first_responded_at, resolution_due, answered_at, closed_at, reopen_count, rating_accepted)
select 1, created_at, status, organization_code, category_code, district_code, channel, first_response_due,
    first_responded_at, resolution_due, answered_at, closed_at, reopen_count, rating_accepted
from incident;
