package org.otklik.open311;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.otklik.testsupport.TestTokens;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import io.restassured.response.Response;

/**
 * Checks of Open311 answers: JSON against the community's JSON Schemas (copied into
 * src/test/resources/open311), XML for well-formedness and the standard's element names.
 */
final class Open311Checks {

    static final String BASE = "/open311/v2/";
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    private static final Map<String, Schema> LOADED = new ConcurrentHashMap<>();

    private Open311Checks() {
    }

    /** Asserts the JSON answer's content type and that its body is valid against {@code open311/<schema>.json}. */
    static Response json(Response response, String schema) {
        if (!schema.equals("errors")) {
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        }
        assertThat(response.contentType()).startsWith("application/json");
        List<Error> errors = LOADED.computeIfAbsent(schema,
                name -> SCHEMAS.getSchema(SchemaLocation.of("classpath:open311/" + name + ".json")))
                .validate(response.asString(), InputFormat.JSON,
                        context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
        assertThat(errors).as("%s against %s.json", response.asString(), schema).isEmpty();
        return response;
    }

    /** An Open311 error answer in JSON: the status, the schema, and the descriptions. */
    static List<String> jsonErrors(Response response, int status) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        json(response, "errors");
        List<String> codes = response.jsonPath().getList("code");
        assertThat(codes).containsOnly(String.valueOf(status));
        return response.jsonPath().getList("description");
    }

    /** An Open311 error answer in XML. */
    static List<String> xmlErrors(Response response, int status) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        Element root = xml(response, "errors", "error");
        List<String> descriptions = new ArrayList<>();
        for (Element error : children(root)) {
            assertThat(childNames(error)).containsExactly("code", "description");
            assertThat(text(error, "code")).isEqualTo(String.valueOf(status));
            descriptions.add(text(error, "description"));
        }
        assertThat(descriptions).isNotEmpty();
        return descriptions;
    }

    /** Parses an XML answer (failing when it is not well-formed) and checks its root and item element names. */
    static Element xml(Response response, String root, String item) {
        assertThat(response.contentType()).matches("(text|application)/xml.*");
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.asString().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + response.asString(), e);
        }
        Element element = document.getDocumentElement();
        assertThat(element.getTagName()).isEqualTo(root);
        if (item != null) {
            assertThat(children(element)).allSatisfy(child -> assertThat(child.getTagName()).isEqualTo(item));
        }
        return element;
    }

    static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                children.add(element);
            }
        }
        return children;
    }

    static List<String> childNames(Element parent) {
        return children(parent).stream().map(Element::getTagName).toList();
    }

    static String text(Element parent, String child) {
        return children(parent).stream().filter(e -> e.getTagName().equals(child)).findFirst()
                .map(Element::getTextContent).orElse(null);
    }

    /** A new Open311 client's API key, issued through the admin API. */
    static String issueKey(String name, String organizationCode) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("name", name);
        if (organizationCode != null) {
            body.put("organizationCode", organizationCode);
        }
        return given().auth().oauth2(TestTokens.admin()).contentType("application/json").body(body)
                .when().post("/api/v1/admin/open311-keys")
                .then().statusCode(201).extract().path("apiKey");
    }
}
