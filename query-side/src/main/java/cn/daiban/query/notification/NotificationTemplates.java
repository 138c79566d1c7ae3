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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The notification texts, Chinese and English, as resources: the shipped {@code notifications/templates_*.properties},
 * overridden by files of the same name in {@code daiban.notifications.template-dir}, so an administrator's change
 * applies without a rebuild or restart. The shipped texts are read once; an override is read again whenever its
 * file's modification time or size changes (checked at each use, one {@code stat}), not on every notification: the
 * outbox renders two texts per event, and reading them from the application's jar each time cost the notification
 * group a measurable share of its time while catching up.
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
        Properties texts = shipped.computeIfAbsent(name, n -> {
            Properties read = new Properties();
            read(new ClassPathResource("notifications/" + n), read);
            return read;
        });
        if (properties.templateDir() == null) {
            return texts;
        }
        Path file = Path.of(properties.templateDir(), name);
        Version version = Version.of(file);
        if (version == null) {
            return texts;
        }
        return overrides.compute(name, (n, known) -> {
            if (known != null && known.version().equals(version)) {
                return known;
            }
            Properties merged = new Properties();
            merged.putAll(texts);
            read(new FileSystemResource(file), merged);
            return new Override(version, merged);
        }).texts();
    }

    /** The shipped texts by file name, read once. */
    private final Map<String, Properties> shipped = new ConcurrentHashMap<>();
    /** Shipped texts with an override on top, by file name, with the override file's version they were read at. */
    private final Map<String, Override> overrides = new ConcurrentHashMap<>();

    private record Override(Version version, Properties texts) {
    }

    /** What tells a changed override file: its modification time and size. */
    private record Version(FileTime modified, long size) {
        static Version of(Path file) {
            try {
                return Files.isRegularFile(file) ? new Version(Files.getLastModifiedTime(file), Files.size(file)) : null;
            } catch (IOException e) {
                return null;
            }
        }
    }

    private static void read(Resource resource, Properties into) {
        try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
            into.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
