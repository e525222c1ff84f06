package org.otklik.notify;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.TemplateLocator.TemplateLocation;
import io.quarkus.qute.Variant;

/**
 * The mails' Qute templates ({@code src/main/resources/mail}): per mail family ({@code incident}, {@code notice})
 * and language a text part ({@code .txt}, whose {@code subject} fragment is the subject) and an HTML part
 * ({@code .html}, every value HTML-escaped). A plain engine of its own, so that the templates render in plain
 * unit tests; the data are maps, lists and strings only (no reflection, native-safe). Rendering is strict: a
 * value a template names but the data lack fails the mail instead of leaving a blank.
 */
public final class MailTemplates {

    public static final List<String> LANGUAGES = List.of("ru", "en");

    private static final String ROOT = "mail/";

    /** A mail ready to send. */
    public record RenderedMail(String subject, String text, String html) {
    }

    private final Engine engine;

    public MailTemplates() {
        this.engine = Engine.builder()
                .addDefaults()
                .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
                .addLocator(MailTemplates::locate)
                .strictRendering(true)
                .build();
    }

    /** @param family incident or notice */
    public RenderedMail render(String family, String language, Map<String, Object> data) {
        String lang = LANGUAGES.contains(language) ? language : "ru";
        Template text = template(family + "." + lang + ".txt");
        Template html = template(family + "." + lang + ".html");
        String subject = fill(text.getFragment("subject").instance(), data).render().strip().replaceAll("\\s+", " ");
        return new RenderedMail(subject, fill(text.instance(), data).render().strip() + "\n",
                fill(html.instance(), data).render());
    }

    private Template template(String id) {
        Template template = engine.getTemplate(id);
        if (template == null) {
            throw new IllegalStateException("no mail template " + id);
        }
        return template;
    }

    private static TemplateInstance fill(TemplateInstance instance, Map<String, Object> data) {
        data.forEach(instance::data);
        return instance;
    }

    private static Optional<TemplateLocation> locate(String id) {
        String path = ROOT + id;
        if (MailTemplates.class.getClassLoader().getResource(path) == null) {
            return Optional.empty();
        }
        Variant variant = new Variant(null, id.endsWith(".html") ? Variant.TEXT_HTML : "text/plain", "UTF-8");
        return Optional.of(new TemplateLocation() {
            @Override
            public Reader read() {
                InputStream in = MailTemplates.class.getClassLoader().getResourceAsStream(path);
                return new InputStreamReader(in, StandardCharsets.UTF_8);
            }

            @Override
            public Optional<Variant> getVariant() {
                return Optional.of(variant);
            }
        });
    }
}
