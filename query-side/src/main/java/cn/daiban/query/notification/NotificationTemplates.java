package cn.daiban.query.notification;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * The notification texts, Chinese and English, as resources: the shipped {@code notifications/templates_*.properties},
 * overridden by files of the same name in {@code daiban.notifications.template-dir} (read at each use, so an
 * administrator's change applies without a rebuild or restart).
 */
@Component
class NotificationTemplates {

    private final NotificationProperties properties;

    NotificationTemplates(NotificationProperties properties) {
        this.properties = properties;
    }

    String render(String language, String template, Map<String, String> values) {
        String text = load(language).getProperty(template);
        if (text == null) {
            throw new IllegalStateException("no notification template " + template + " in language " + language);
        }
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace("{" + value.getKey() + "}", value.getValue() == null ? "" : value.getValue());
        }
        return text;
    }

    /** The shipped texts, with an administrator's override on top: a text the override lacks stays the shipped one. */
    private Properties load(String language) {
        String name = "templates_" + language + ".properties";
        Properties texts = new Properties();
        read(new ClassPathResource("notifications/" + name), texts);
        if (properties.templateDir() != null) {
            Resource override = new FileSystemResource(properties.templateDir() + "/" + name);
            if (override.exists()) {
                read(override, texts);
            }
        }
        return texts;
    }

    private static void read(Resource resource, Properties into) {
        try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
            into.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
