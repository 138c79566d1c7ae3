package cn.daiban.query.export;

import jakarta.annotation.PreDestroy;
import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where the .xlsx exports keep their temporary files. POI's streaming workbook flushes rows to temporary files, by
 * default in {@code <java.io.tmpdir>/poifiles}, one folder shared by every user of the machine: when another user
 * created it first, every .xlsx export failed. At start-up this points POI (a JVM-wide setting, made once here) at
 * a folder of the application's own:
 * <ul>
 *   <li>{@code daiban.export.temp-dir} when set (created if missing, owner-only permissions where the file system
 *       has POSIX permissions; start-up fails if it cannot be written, rather than the first export);</li>
 *   <li>otherwise a fresh folder per process, {@code <java.io.tmpdir>/daiban-export-<random>}, owner-only
 *       ({@code rwx------}), removed when the application stops.</li>
 * </ul>
 */
@Component
public class ExportTempDirectory {

    private static final Logger log = LoggerFactory.getLogger(ExportTempDirectory.class);

    private final Path directory;
    private final boolean ownedByThisProcess;

    ExportTempDirectory(@Value("${daiban.export.temp-dir:}") String configured) {
        try {
            if (configured == null || configured.isBlank()) {
                directory = Files.createTempDirectory("daiban-export-", ownerOnly());
                ownedByThisProcess = true;
            } else {
                directory = Files.createDirectories(Path.of(configured), ownerOnly());
                ownedByThisProcess = false;
            }
            // Fail at start-up, not at the first export, when the folder cannot be written.
            Files.delete(Files.createTempFile(directory, "probe-", ".tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("the export temp folder (daiban.export.temp-dir = '" + configured
                    + "') cannot be created or written", e);
        }
        TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy(directory.toFile()));
        log.info("exports keep their temporary files in {}", directory);
    }

    public Path directory() {
        return directory;
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        Set<PosixFilePermission> rwx = PosixFilePermissions.fromString("rwx------");
        return new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(rwx)};
    }

    @PreDestroy
    void removeOwnFolder() {
        if (!ownedByThisProcess) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("could not remove {}", directory, e);
        }
    }
}
