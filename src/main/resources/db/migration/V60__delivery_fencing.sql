-- Fencing for the delivery relay: every claim of a row takes the next lease number, and a relay's
-- renewal or result counts only while the row still carries the number it claimed.
alter table outbox_delivery add column lease_number bigint not null default 0;
