-- Where an incident's district came from: GIVEN by the sender, taken from the LOCATION by the district
-- boundaries, or NONE. Null for incidents registered before, and for social comments (the classifier's guess).
alter table incident add column district_source varchar(16)
    check (district_source in ('GIVEN', 'LOCATION', 'NONE'));
