package org.otklik.open311;

import java.math.BigDecimal;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What Open311 clients receive, field names as the standard spells them. Absent values are left out. */
public final class Open311Views {

    private Open311Views() {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Open311Discovery")
    public record Discovery(
            @Schema(examples = "2026-11-29T12:00:00+04:00") String changeset,
            String contact,
            @JsonProperty("key_service") String keyService,
            List<Endpoint> endpoints) {
    }

    @RegisterForReflection
    @Schema(name = "Open311Endpoint")
    public record Endpoint(
            @Schema(examples = "http://wiki.open311.org/GeoReport_v2") String specification,
            @Schema(examples = "https://api.otklik.example.org/open311/v2") String url,
            String changeset,
            @Schema(enumeration = { "production", "test" }) String type,
            @Schema(examples = "[\"application/json\", \"text/xml\"]") List<String> formats) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Open311Service", description = "A leaf topic; group is its parent topic")
    public record Service(
            @JsonProperty("service_code") @Schema(examples = "housing.heating") String serviceCode,
            @JsonProperty("service_name") @Schema(examples = "Отопление") String serviceName,
            @Schema(examples = "Отопление (ЖКХ)") String description,
            @Schema(description = "true: GET services/{code} lists extra attributes") boolean metadata,
            @Schema(enumeration = { "realtime", "batch", "blackbox" }) String type,
            @Schema(description = "Comma-separated", examples = "батарея, отопление, холодно") String keywords,
            @Schema(examples = "ЖКХ") String group) {
    }

    @RegisterForReflection
    @Schema(name = "Open311ServiceDefinition")
    public record ServiceDefinition(
            @JsonProperty("service_code") String serviceCode,
            List<Attribute> attributes) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Open311Attribute")
    public record Attribute(
            boolean variable,
            @Schema(examples = "scope") String code,
            @Schema(enumeration = { "string", "number", "datetime", "text", "singlevaluelist", "multivaluelist" }) String datatype,
            boolean required,
            @JsonProperty("datatype_description") String datatypeDescription,
            int order,
            @Schema(examples = "Где нет отопления") String description,
            List<AttributeValue> values) {
    }

    @RegisterForReflection
    @Schema(name = "Open311AttributeValue")
    public record AttributeValue(@Schema(examples = "building") String key, @Schema(examples = "Во всём доме") String name) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Open311RequestCreated", description = "The incident is registered at once, so the id comes with the token")
    public record RequestCreated(
            @JsonProperty("service_request_id") @Schema(examples = "2611-000042") String serviceRequestId,
            @Schema(description = "Also resolves through GET tokens/{token}") String token,
            @JsonProperty("service_notice") @Schema(examples = "Ответственный: Администрация Ленинского района. Срок ответа: 2026-12-11T18:00:00+04:00")
            String serviceNotice,
            @JsonProperty("account_id") String accountId) {
    }

    @RegisterForReflection
    @Schema(name = "Open311Token")
    public record Token(@JsonProperty("service_request_id") String serviceRequestId, String token) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Open311Request", description = "A service request as the public may see it: no author, contact, exact "
            + "address, message or answer text")
    public record Request(
            @JsonProperty("service_request_id") @Schema(examples = "2611-000042") String serviceRequestId,
            @Schema(enumeration = { "open", "closed" }) String status,
            @JsonProperty("status_notes") @Schema(description = "A fixed phrase for the status, never free text",
                    examples = "В работе") String statusNotes,
            @JsonProperty("service_name") String serviceName,
            @JsonProperty("service_code") String serviceCode,
            @JsonProperty("agency_responsible") String agencyResponsible,
            @JsonProperty("service_notice") String serviceNotice,
            @JsonProperty("requested_datetime") String requestedDatetime,
            @JsonProperty("updated_datetime") String updatedDatetime,
            @JsonProperty("expected_datetime") @Schema(description = "The resolution deadline") String expectedDatetime,
            @Schema(description = "The district, never a street address", examples = "Ленинский район") String address,
            @Schema(description = "Rounded to 0.001° (about 100 m)") BigDecimal lat,
            @JsonProperty("long") @Schema(description = "Rounded to 0.001° (about 100 m)") BigDecimal lon,
            @JsonProperty("extended_attributes") ExtendedAttributes extendedAttributes,
            @Schema(description = "extensions=true: the public timeline") List<Note> notes,
            @JsonProperty("media_url") @Schema(description = "The first photo staff marked publishable (a resident's photo is "
                    + "never public before that); absent otherwise", examples = "https://api.otklik.example.org/api/v1/media/c5136cd8-c787-41d8-a076-5ecfa09fb238")
            String mediaUrl) {

        Request withMediaUrl(String url) {
            return new Request(serviceRequestId, status, statusNotes, serviceName, serviceCode, agencyResponsible, serviceNotice,
                    requestedDatetime, updatedDatetime, expectedDatetime, address, lat, lon, extendedAttributes, notes, url);
        }
    }

    @RegisterForReflection
    @Schema(name = "Open311ExtendedAttributes")
    public record ExtendedAttributes(
            @Schema(description = "The mySociety status, lower case", examples = "in_progress") String status) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Open311Note")
    public record Note(
            String datetime,
            @Schema(examples = "status_change") String type,
            @Schema(examples = "in_progress") String summary,
            @Schema(examples = "В работе") String description) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Open311Update", description = "mySociety update extension")
    public record Update(
            @JsonProperty("update_id") String updateId,
            @JsonProperty("service_request_id") String serviceRequestId,
            @Schema(examples = "in_progress") String status,
            @JsonProperty("updated_datetime") String updatedDatetime,
            @Schema(description = "A fixed phrase; the answer text only for the client that submitted the request "
                    + "(with its api_key)") String description,
            @JsonProperty("media_url") String mediaUrl) {
    }

    @RegisterForReflection
    @Schema(name = "Open311UpdateAccepted")
    public record UpdateAccepted(@JsonProperty("update_id") String updateId) {
    }
}
