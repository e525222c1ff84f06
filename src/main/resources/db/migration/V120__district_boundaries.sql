-- District boundaries (reference data): one GeoJSON geometry (Polygon or MultiPolygon, WGS 84) per district,
-- replaced as a whole by PUT /api/v1/admin/districts/boundaries, with the feature's other properties.
create table district_boundary (
    district_code  varchar(64)  primary key references district (code),
    geometry       jsonb        not null,
    properties     jsonb        not null default '{}',
    updated_at     timestamptz  not null
);
