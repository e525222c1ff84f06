package org.otklik.notice;

import java.io.StringWriter;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.otklik.notice.NoticeService.Feed;
import org.otklik.notice.NoticeService.FeedEntry;
import org.otklik.notice.NoticeViews.PublicNotice;

/** Writes notices as an Atom feed (RFC 4287); the XML writer escapes every text and attribute. */
final class NoticeAtomFeed {

    static final String MEDIA_TYPE = "application/atom+xml";
    private static final String ATOM = "http://www.w3.org/2005/Atom";
    /** Tag URIs (RFC 4151) stay the same whatever host serves the feed. */
    private static final String TAG_PREFIX = "tag:otklik.org,2026:notices";

    private NoticeAtomFeed() {
    }

    static String write(Feed feed, URI self, URI base, String district) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM);
            xml.writeAttribute("xml:lang", "ru");
            element(xml, "id", TAG_PREFIX + (district == null ? "" : ":" + district));
            element(xml, "title", district == null ? "Объявления города" : "Объявления города: " + district);
            element(xml, "subtitle", "Плановые отключения, ремонт дорог, аварии и события");
            element(xml, "updated", time(feed.updated()));
            link(xml, "self", self.toString(), MEDIA_TYPE);
            link(xml, "alternate", base.resolve("/api/v1/notices" + (district == null ? "" : "?district=" + district)).toString(),
                    "application/json");
            xml.writeStartElement("author");
            element(xml, "name", "Центр управления городом");
            xml.writeEndElement();
            for (FeedEntry entry : feed.entries()) {
                entry(xml, entry, base);
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the notice feed", e);
        }
        return out.toString();
    }

    private static void entry(XMLStreamWriter xml, FeedEntry entry, URI base) throws XMLStreamException {
        PublicNotice notice = entry.notice();
        xml.writeStartElement("entry");
        element(xml, "id", TAG_PREFIX + ":" + notice.id());
        element(xml, "title", prefix(notice) + notice.title().ru());
        element(xml, "updated", time(entry.updated()));
        element(xml, "published", time(notice.publishedAt().toInstant()));
        link(xml, "alternate", base.resolve("/api/v1/notices/" + notice.id()).toString(), "application/json");
        xml.writeEmptyElement("category");
        xml.writeAttribute("term", notice.kind().name());
        xml.writeEmptyElement("category");
        xml.writeAttribute("term", notice.category().code());
        if (notice.category().nameRu() != null) {
            xml.writeAttribute("label", notice.category().nameRu());
        }
        element(xml, "summary", "С " + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(notice.startsAt()) + " по "
                + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(notice.endsAt())
                + (notice.districts().isEmpty() ? "; весь город"
                        : "; районы: " + String.join(", ", notice.districts().stream()
                                .map(d -> d.nameRu() == null ? d.code() : d.nameRu()).toList()))
                + (notice.addresses().isEmpty() ? "" : "; адреса: " + String.join("; ", notice.addresses())));
        xml.writeStartElement("content");
        xml.writeAttribute("type", "text");
        xml.writeCharacters(notice.text().ru());
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private static String prefix(PublicNotice notice) {
        return switch (notice.state()) {
            case CANCELLED -> "Отменено: ";
            case ENDED -> "Завершено: ";
            default -> notice.updatedAt() != null ? "Обновлено: " : "";
        };
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String href, String type) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("href", href);
        xml.writeAttribute("type", type);
    }

    private static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
