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

    private Properties load(String language) {
        String name = "templates_" + language + ".properties";
        Resource resource = properties.templateDir() != null
                && new FileSystemResource(properties.templateDir() + "/" + name).exists()
                ? new FileSystemResource(properties.templateDir() + "/" + name)
                : new ClassPathResource("notifications/" + name);
        Properties texts = new Properties();
        try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
            texts.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return texts;
    }
}
