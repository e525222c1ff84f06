package org.otklik.notice;

import org.otklik.incident.NoticeRef;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.incident.IncidentRefs.CategoryRef;
import org.otklik.incident.IncidentRefs.DistrictRef;
import org.otklik.incident.IncidentRefs.OrganizationRef;
import org.otklik.notice.NoticeViews.AdminNotice;
import org.otklik.notice.NoticeViews.AdminSummary;
import org.otklik.notice.NoticeViews.Linked;
import org.otklik.notice.NoticeViews.PublicNotice;
import org.otklik.notice.NoticeViews.Version;
import org.otklik.common.LocalizedText;
import org.otklik.routing.ReferenceSnapshot;
import org.otklik.routing.WorkingCalendar;

/** Entity → wire views; times in the city's time zone. */
@ApplicationScoped
class NoticeMapper {

    private final WorkingCalendar calendar;
    private final Clock clock;

    NoticeMapper(WorkingCalendar calendar, Clock clock) {
        this.calendar = calendar;
        this.clock = clock;
    }

    OffsetDateTime local(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, calendar.zone());
    }

    static LocalizedText title(Notice notice) {
        return new LocalizedText(notice.titleRu, notice.titleEn);
    }

    static LocalizedText text(Notice notice) {
        return new LocalizedText(notice.textRu, notice.textEn);
    }

    static NoticeRequest.Area area(Notice notice) {
        return notice.pointLat == null ? null : new NoticeRequest.Area(notice.pointLat, notice.pointLon, notice.radiusMeters);
    }

    NoticeRequest content(Notice notice) {
        return new NoticeRequest(title(notice), text(notice), notice.kind, notice.categoryCode,
                Arrays.asList(notice.districtCodes), Arrays.asList(notice.addresses), area(notice), local(notice.startsAt),
                local(notice.endsAt), notice.organizationCode);
    }

    NoticeRef ref(long id, String titleRu, String titleEn, Instant endsAt) {
        return new NoticeRef(id, new LocalizedText(titleRu, titleEn), local(endsAt));
    }

    PublicNotice publicView(Notice notice, ReferenceSnapshot reference) {
        CategoryRef category = reference.category(notice.categoryCode)
                .map(c -> new CategoryRef(c.code, c.nameRu, c.nameEn)).orElse(new CategoryRef(notice.categoryCode, null, null));
        List<DistrictRef> districts = Arrays.stream(notice.districtCodes)
                .map(code -> reference.district(code).map(d -> new DistrictRef(d.code, d.nameRu, d.nameEn))
                        .orElse(new DistrictRef(code, null, null)))
                .toList();
        OrganizationRef organization = reference.organization(notice.organizationCode)
                .map(o -> new OrganizationRef(o.code, o.nameRu)).orElse(new OrganizationRef(notice.organizationCode, null));
        return new PublicNotice(notice.id, notice.version, notice.kind, notice.stateAt(clock.instant()), title(notice),
                text(notice), category, districts, Arrays.asList(notice.addresses), area(notice), local(notice.startsAt),
                local(notice.endsAt), organization, local(notice.publishedAt), local(notice.contentUpdatedAt));
    }

    AdminSummary summary(Notice notice) {
        return new AdminSummary(notice.id, notice.version, notice.status, notice.stateAt(clock.instant()), notice.kind,
                title(notice), notice.categoryCode, notice.organizationCode, local(notice.startsAt), local(notice.endsAt),
                local(notice.updatedAt));
    }

    AdminNotice admin(Notice notice, List<Version> versions, Linked linked) {
        return new AdminNotice(notice.id, notice.version, notice.revision, notice.status, notice.stateAt(clock.instant()),
                content(notice), local(notice.createdAt), notice.createdBy, local(notice.updatedAt), local(notice.publishedAt),
                local(notice.contentUpdatedAt), local(notice.endedAt), local(notice.cancelledAt), versions, linked);
    }
}
