package org.otklik.notice;

import static org.otklik.common.database.SqlTimestamps.instant;
import static org.otklik.common.database.SqlTimestamps.utc;

import java.util.Arrays;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** A notice row read and written through the pool, for the changes that write the outbox in the same transaction. */
final class NoticeRows {

    private NoticeRows() {
    }

    static Notice notice(Row row) {
        Notice notice = new Notice();
        notice.id = row.getLong("id");
        notice.kind = NoticeKind.valueOf(row.getString("kind"));
        notice.status = NoticeStatus.valueOf(row.getString("status"));
        notice.titleRu = row.getString("title_ru");
        notice.titleEn = row.getString("title_en");
        notice.textRu = row.getString("text_ru");
        notice.textEn = row.getString("text_en");
        notice.categoryCode = row.getString("category_code");
        notice.districtCodes = row.getArrayOfStrings("district_codes");
        notice.addresses = row.getArrayOfStrings("addresses");
        notice.pointLat = row.getDouble("point_lat");
        notice.pointLon = row.getDouble("point_lon");
        notice.radiusMeters = row.getInteger("radius_m");
        notice.startsAt = instant(row, "starts_at");
        notice.endsAt = instant(row, "ends_at");
        notice.organizationCode = row.getString("organization_code");
        notice.version = row.getInteger("version");
        notice.revision = row.getInteger("revision");
        notice.createdAt = instant(row, "created_at");
        notice.createdBy = row.getString("created_by");
        notice.updatedAt = instant(row, "updated_at");
        notice.publishedAt = instant(row, "published_at");
        notice.contentUpdatedAt = instant(row, "content_updated_at");
        notice.endedAt = instant(row, "ended_at");
        notice.cancelledAt = instant(row, "cancelled_at");
        return notice;
    }

    /** The parameters of {@link NoticeRepository#update}: $1 the id … $23 the revision read. */
    static Tuple update(Notice notice) {
        return Tuple.from(Arrays.asList(notice.id, notice.kind.name(), notice.status.name(), notice.titleRu, notice.titleEn,
                notice.textRu, notice.textEn, notice.categoryCode, notice.districtCodes, notice.addresses, notice.pointLat,
                notice.pointLon, notice.radiusMeters, utc(notice.startsAt), utc(notice.endsAt), notice.organizationCode,
                notice.version, utc(notice.updatedAt), utc(notice.publishedAt), utc(notice.contentUpdatedAt),
                utc(notice.endedAt), utc(notice.cancelledAt), notice.revision));
    }

    /** The parameters of {@link NoticeRepository#insert}. */
    static Tuple insert(Notice notice) {
        return Tuple.from(Arrays.asList(notice.kind.name(), notice.status.name(), notice.titleRu, notice.titleEn,
                notice.textRu, notice.textEn, notice.categoryCode, notice.districtCodes, notice.addresses, notice.pointLat,
                notice.pointLon, notice.radiusMeters, utc(notice.startsAt), utc(notice.endsAt), notice.organizationCode,
                notice.version, utc(notice.createdAt), notice.createdBy, utc(notice.updatedAt)));
    }

}
