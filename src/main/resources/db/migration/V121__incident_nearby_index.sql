-- Nearby search: open incidents with a point, indexed by their position on the earth as a 3-D cube (GiST).
-- The cube extension ships with PostgreSQL (contrib) and is trusted: a database owner may create it. Extensions
-- belong to the database, not to a schema: it is created once in public and shared by every Otklik schema of the
-- database (tests and CI migrate several at once; the lock stops two of them creating it at the same instant).
-- Flyway's clean of a schema leaves it alone.
select pg_advisory_xact_lock(hashtext('otklik:create-extension'));
create extension if not exists cube with schema public;

-- The same formula as earthdistance's ll_to_earth (earth radius 6378168 m), with every name qualified: the
-- functions of earthdistance 1.1 (PostgreSQL 15) look cube and earth up on the caller's search_path at run time,
-- and the service's search_path holds only its own schema.
create function geo_point(lat double precision, lon double precision) returns public.cube
    language sql immutable strict parallel safe
    return public.cube(public.cube(public.cube(6378168 * cos(radians(lat)) * cos(radians(lon))),
        6378168 * cos(radians(lat)) * sin(radians(lon))), 6378168 * sin(radians(lat)));

create index incident_open_location on incident using gist (geo_point(location_lat, location_lon))
    where location_lat is not null and location_lon is not null and status = any (incident_open_statuses());
