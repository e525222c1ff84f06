package org.otklik.open311;

import java.io.StringWriter;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes Open311 answers as JSON (lists are arrays even of one item) or as the standard's XML
 * ({@code <services><service>…}), both from the same view records.
 */
@ApplicationScoped
public class Open311Writer {

    private static final Map<String, String> ITEM_NAMES = Map.of(
            "attributes", "attribute", "values", "value", "notes", "note", "endpoints", "endpoint", "formats", "format",
            "errors", "error");
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private final ObjectMapper objectMapper;

    public Open311Writer(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    /** A list: a JSON array, or {@code <listElement><itemElement/>…</listElement>}. */
    public Response list(Open311Format format, int status, String listElement, String itemElement, List<?> items) {
        return Response.status(status).type(format.contentType())
                .entity(format == Open311Format.JSON ? json(items) : xml(listElement, itemElement, tree(items)))
                .build();
    }

    /** An object (discovery, a service definition): a JSON object, or {@code <element>…</element>}. */
    public Response object(Open311Format format, String element, Object body) {
        return Response.ok().type(format.contentType())
                .entity(format == Open311Format.JSON ? json(body) : xml(element, null, tree(body)))
                .build();
    }

    String json(Object body) {
        try {
            return objectMapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an Open311 answer", e);
        }
    }

    JsonNode tree(Object body) {
        return objectMapper.valueToTree(body);
    }

    String xml(String element, String itemElement, JsonNode body) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            if (body.isArray()) {
                xml.writeStartElement(element);
                for (JsonNode item : body) {
                    write(xml, itemElement, item);
                }
                xml.writeEndElement();
            } else {
                write(xml, element, body);
            }
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write an Open311 answer", e);
        }
        return out.toString();
    }

    private static void write(XMLStreamWriter xml, String name, JsonNode node) throws XMLStreamException {
        if (node == null || node.isNull()) {
            return;
        }
        xml.writeStartElement(name);
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                write(xml, field.getKey(), field.getValue());
            }
        } else if (node.isArray()) {
            String item = ITEM_NAMES.getOrDefault(name, name.endsWith("s") ? name.substring(0, name.length() - 1) : name);
            for (JsonNode element : node) {
                write(xml, item, element);
            }
        } else {
            xml.writeCharacters(node.asText());
        }
        xml.writeEndElement();
    }
}
