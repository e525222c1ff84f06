package org.otklik.notice;

import java.util.Optional;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.otklik.common.problem.ProblemException;
import org.otklik.common.ratelimit.RateLimitGroup;
import org.otklik.common.ratelimit.RateLimited;
import org.otklik.common.web.EntityTags;
import org.otklik.common.web.KeysetCursor;
import org.otklik.common.web.Page;
import org.otklik.notice.NoticeViews.PublicNotice;
import org.otklik.notice.NoticeViews.PublicPage;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/notices")
@Tag(name = "City notices")
@PermitAll
@RateLimited(RateLimitGroup.LOOKUPS)
public class NoticeResource {

    private static final int FEED_MAX_AGE_SECONDS = 300;

    private final NoticeService notices;
    private final EntityTags entityTags;

    public NoticeResource(NoticeService notices, EntityTags entityTags) {
        this.notices = notices;
        this.entityTags = entityTags;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listNotices", summary = "Published city notices",
            description = "Planned outages, road works, emergencies and events; never drafts. Latest start first, keyset-paged. "
                    + "A district shows its own notices and the whole city's; a category shows notices on it, on its "
                    + "sub-topics and on the topic above it. A notice whose end has passed is ENDED. "
                    + "Supports conditional requests with If-None-Match.")
    @APIResponse(responseCode = "200", description = "A page of notices",
            headers = { @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", schema = @Schema(type = SchemaType.STRING)) },
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PublicPage.class)))
    @APIResponse(responseCode = "304", description = "The copy named by If-None-Match is current")
    public Uni<Response> list(
            @Parameter(example = "leninsky", schema = @Schema(type = SchemaType.STRING, maxLength = 64)) @QueryParam("district") String district,
            @Parameter(description = "A category code", example = "housing.hot_water", schema = @Schema(type = SchemaType.STRING, maxLength = 64))
            @QueryParam("category") String category,
            @Parameter(description = "ACTIVE, UPCOMING or ENDED (also CANCELLED); all published notices when absent",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "ACTIVE", "UPCOMING", "ENDED", "CANCELLED" }))
            @QueryParam("state") String state,
            @Parameter(description = "The nextCursor of the previous page", schema = @Schema(type = SchemaType.STRING, maxLength = 200)) @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 100") @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Page.MAX_LIMIT) int limit,
            @Context Request request) {
        Optional<NoticeState> stateFilter = Optional.ofNullable(state).map(value -> switch (value) {
            case "ACTIVE" -> NoticeState.ACTIVE;
            case "UPCOMING" -> NoticeState.UPCOMING;
            case "ENDED" -> NoticeState.ENDED;
            case "CANCELLED" -> NoticeState.CANCELLED;
            default -> throw ProblemException.badParameter("state", "must be ACTIVE, UPCOMING, ENDED or CANCELLED");
        });
        return notices.list(Optional.ofNullable(district), Optional.ofNullable(category), stateFilter,
                Optional.ofNullable(cursor).map(KeysetCursor::decode), limit)
                .map(page -> entityTags.conditional(request, page));
    }

    @GET
    @Path("/{id: [0-9]{1,18}}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getNotice", summary = "A published city notice",
            description = "Drafts are not found. version and updatedAt show edits after publication. "
                    + "Supports conditional requests with If-None-Match.")
    @APIResponse(responseCode = "200", description = "The notice",
            headers = { @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", schema = @Schema(type = SchemaType.STRING)) },
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PublicNotice.class)))
    @APIResponse(responseCode = "304", description = "The copy named by If-None-Match is current")
    public Uni<Response> get(@Parameter(description = "The notice id", example = "17", schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1", maximum = "9223372036854775807")) @PathParam("id") long id, @Context Request request) {
        return notices.detail(id).map(view -> entityTags.conditional(request, view));
    }

    @GET
    @Path("/feed.atom")
    @Produces(NoticeAtomFeed.MEDIA_TYPE)
    @Operation(operationId = "getNoticeFeed", summary = "City notices as an Atom feed",
            description = "RFC 4287, for feed readers and the city's sites: the 50 latest changed published notices of a "
                    + "district and of the whole city (all districts when absent). Entry ids are tag: URIs that never change; "
                    + "an entry's updated time moves with every edit, end or cancellation.")
    @APIResponse(responseCode = "200", description = "The feed",
            headers = { @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", schema = @Schema(type = SchemaType.STRING)) },
            content = @Content(mediaType = NoticeAtomFeed.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "feed", value = """
                            <?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ru">\
                            <id>tag:otklik.org,2026:notices:leninsky</id><title>Объявления города: leninsky</title>\
                            <updated>2026-12-01T06:00:00Z</updated>\
                            <link rel="self" href="https://api.otklik.example.org/api/v1/notices/feed.atom?district=leninsky" type="application/atom+xml"/>\
                            <author><name>Центр управления городом</name></author>\
                            <entry><id>tag:otklik.org,2026:notices:17</id><title>Отключение горячей воды</title>\
                            <updated>2026-12-01T06:00:00Z</updated><published>2026-12-01T06:00:00Z</published>\
                            <link rel="alternate" href="https://api.otklik.example.org/api/v1/notices/17" type="application/json"/>\
                            <summary>С 2026-12-01T09:00:00+04:00 по 2026-12-14T18:00:00+04:00; районы: Ленинский</summary>\
                            <content type="text">Плановая гидравлическая опрессовка.</content></entry></feed>""")))
    @APIResponse(responseCode = "304", description = "The copy named by If-None-Match is current")
    public Uni<Response> feed(@Parameter(example = "leninsky", schema = @Schema(type = SchemaType.STRING, maxLength = 64)) @QueryParam("district") String district,
            @Context UriInfo uri, @Context Request request) {
        return notices.feed(Optional.ofNullable(district)).map(feed -> {
            String xml = NoticeAtomFeed.write(feed, uri.getRequestUri(), uri.getBaseUri(), district);
            EntityTag tag = entityTags.of(xml);
            CacheControl cache = new CacheControl();
            cache.setMaxAge(FEED_MAX_AGE_SECONDS);
            Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
            return (notModified != null ? notModified : Response.ok(xml, NoticeAtomFeed.MEDIA_TYPE + ";charset=UTF-8"))
                    .tag(tag).cacheControl(cache).build();
        });
    }
}
