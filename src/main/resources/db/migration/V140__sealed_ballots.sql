-- Polls: ballots sealed until the poll closes, opened at close (README, "Polls").

-- When the poll's ballots were opened: set once, by the one transaction that opens them.
alter table poll add column opened_at timestamptz;

-- A poll's data key, wrapped (AES-256-GCM) by the key-encryption key of the service's configuration;
-- never in clear. Created with the first sealed ballot, deleted when the ballots are opened.
create table poll_ballot_key (
    poll_id  uuid  primary key,
    wrapped  bytea not null
);

-- The sealed ballot lives in its citizen's claim: a revote replaces it through the claim. Null for
-- claims whose ballot was stored in clear before this migration, and for every claim once opened.
alter table poll_participation add column sealed bytea;

-- Opened ballots keep neither the hour nor any key the service could recompute from a subject.
alter table poll_ballot alter column cast_hour drop not null;

-- Tallies are written only when a poll's ballots are opened; pending deltas of the former design are
-- folded first, then the deltas go (they summed the answers of each batch before close).
insert into poll_tally (poll_id, dimension, group_value, tally_key, votes)
select poll_id, dimension, group_value, tally_key, sum(votes)
from poll_tally_delta
group by 1, 2, 3, 4
on conflict (poll_id, dimension, group_value, tally_key) do update set votes = poll_tally.votes + excluded.votes;
drop table poll_tally_delta;

-- Polls already past their close had plain ballots: they count as opened.
update poll set opened_at = coalesce(closed_at, closes_at)
where status in ('CLOSED', 'ARCHIVED') or closes_at <= now();

update poll_ballot b set revote_key = null, participation_key = null, cast_hour = null
from poll p
where p.id = b.poll_id and p.opened_at is not null
  and (b.revote_key is not null or b.participation_key is not null or b.cast_hour is not null);

-- Open polls: their earlier plain ballots stay and are opened with the sealed ones at close; their
-- tallies are recomputed then, and their public results keep totals only until then.
delete from poll_tally t using poll p where p.id = t.poll_id and p.opened_at is null;
update poll_public_tally t
set tallies = coalesce((select jsonb_agg(e) from jsonb_array_elements(t.tallies) e where e ->> 'd' = 'ALL'), '[]'::jsonb)
from poll p
where p.id = t.poll_id and p.opened_at is null;

-- Polls whose ballots still wait to be opened (the closing job looks for these).
create index poll_to_open on poll (closes_at) where opened_at is null and status <> 'DRAFT';
