-- Box searches over every incident with a point, whatever its status: the public map's bbox and Open311's
-- lat/long/radius search (a box around the circle first, then the exact distance). A plain 2-D point (lon, lat)
-- with PostgreSQL's built-in GiST point operator class; the nearby search keeps its own index of open incidents.
create index incident_location_box on incident using gist (point(location_lon, location_lat))
    where location_lat is not null and location_lon is not null;
