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
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Where the .xlsx exports keep their temporary files. POI's streaming workbook flushes rows to temporary files, by
 * default in {@code <java.io.tmpdir>/poifiles}, one folder shared by every user of the machine: when another user
 * created it first, every .xlsx export failed. At start-up this points POI (a JVM-wide setting, made once here) at
 * a folder of this process's own, {@code daiban-export-<random>}, owner-only ({@code rwx------}), removed when the
 * application stops. It is made in:
 * <ul>
 *   <li>{@code daiban.export.temp-dir} when set (created if missing, owner-only where the file system has POSIX
 *       permissions, and kept; start-up fails if it cannot be written, rather than the first export);</li>
 *   <li>otherwise the system temp directory.</li>
 * </ul>
 *
 * <p>A process that is killed (or crashes, or the machine loses power) cannot remove its folder, nor the temporary
 * files of an export it was writing: a 100 k-row workbook leaves tens of megabytes. So each process holds an exclusive
 * lock on a file in its folder ({@value #LOCK}) for as long as it runs, and at start-up removes every sibling
 * {@code daiban-export-*} folder of the same owner whose lock it can take: the operating system releases a lock when
 * its process ends, however it ends, so a folder whose lock is free belongs to no running process. A folder whose
 * lock is held (another query-side process on the machine, in any container sharing the folder) is left alone.
 * Assumptions: the lock is a POSIX record lock (what the JDK takes on Linux), which one JVM must take on a given file
 * through one channel only, since closing any channel of a file releases all the JVM's locks on it: the folders this
 * JVM holds are skipped without being opened ({@link #HELD}, by real path, filled before another context of the JVM
 * looks); a lock file is locked under another name and renamed into place, so it is never seen unlocked while its
 * process runs; a folder without a lock file (made by an earlier version, or by a process at this very moment) is
 * removed only when it is empty and older than {@link #UNLOCKED_GRACE_MILLIS}: an earlier version's folder holding
 * the files of an export it was writing when it was killed stays, for an administrator to remove.
 */
@Component
public class ExportTempDirectory {

    private static final Logger log = LoggerFactory.getLogger(ExportTempDirectory.class);

    static final String PREFIX = "daiban-export-";
    static final String LOCK = "owner.lock";
    /** The lock file's name until it is locked ({@link #LOCK} once renamed). */
    static final String PENDING_LOCK = "owner.lock.new";
    /** How old a folder without a lock file must be before it is taken for a leftover (when empty). */
    static final long UNLOCKED_GRACE_MILLIS = 60 * 60 * 1000L;
    /** The lock files this JVM holds, by their real paths (several application contexts, as in tests, hold one each). */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path directory;
    private final Path lockFile;
    private final FileChannel lockChannel;
    private final FileLock lock;

    ExportTempDirectory(@Value("${daiban.export.temp-dir:}") String configured) {
        boolean given = configured != null && !configured.isBlank();
        Path made = null;
        FileChannel channel = null;
        Path held = null;
        // One application context of this JVM at a time: its lock file is in HELD before another one looks around.
        synchronized (ExportTempDirectory.class) {
            try {
                Path parent = given
                        ? Files.createDirectories(Path.of(configured), ownerOnly())
                        : Path.of(System.getProperty("java.io.tmpdir"));
                made = Files.createTempDirectory(parent, PREFIX, ownerOnly());
                // Locked under another name first, then renamed (the lock goes with the file): a process starting
                // between the creation and the lock would otherwise find the lock file free and remove a live folder.
                Path pending = made.resolve(PENDING_LOCK);
                channel = FileChannel.open(pending, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                FileLock taken = channel.lock();
                held = Files.move(pending, made.resolve(LOCK), StandardCopyOption.ATOMIC_MOVE).toRealPath();
                HELD.add(held);
                // Fail at start-up, not at the first export, when the folder cannot be written.
                Files.delete(Files.createTempFile(made, "probe-", ".tmp"));
                removeLeftovers(parent, made, Files.getOwner(made));
                directory = made;
                lockFile = held;
                lockChannel = channel;
                lock = taken;
            } catch (IOException | RuntimeException e) {
                abandon(made, channel, held);
                if (e instanceof IOException io) {
                    throw new UncheckedIOException("the export temp folder (daiban.export.temp-dir = '" + configured
                            + "') cannot be created or written", io);
                }
                throw (RuntimeException) e;
            }
        }
        TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy(directory.toFile()));
        log.info("exports keep their temporary files in {}", directory);
    }

    /** A start that failed half way leaves no lock held and no folder behind. */
    private static void abandon(Path made, FileChannel channel, Path held) {
        if (held != null) {
            HELD.remove(held);
        }
        try {
            if (channel != null) {
                channel.close();
            }
            if (made != null && Files.exists(made)) {
                deleteRecursively(made);
            }
        } catch (IOException e) {
            log.warn("could not remove the export temp folder {} of a failed start", made, e);
        }
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

    /** Removes the {@code daiban-export-*} folders in {@code parent} that {@code owner} owns and no process holds. */
    private static void removeLeftovers(Path parent, Path own, UserPrincipal owner) {
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(parent, PREFIX + "*")) {
            for (Path folder : folders) {
                if (folder.equals(own) || !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try {
                    if (owner.equals(Files.getOwner(folder, LinkOption.NOFOLLOW_LINKS)) && isLeftover(folder)) {
                        deleteRecursively(folder);
                        log.info("removed the export temp folder {} of a process that has ended", folder);
                    }
                } catch (IOException | RuntimeException e) {
                    log.warn("could not check or remove the export temp folder {}", folder, e);
                }
            }
        } catch (IOException e) {
            log.warn("could not look for export temp folders left by ended processes in {}", parent, e);
        }
    }

    private static boolean isLeftover(Path folder) throws IOException {
        Path lockFile = folder.resolve(LOCK);
        if (!Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS)) {
            // A process that ended between locking its pending lock file and renaming it (checked like a lock file,
            // once old enough that no process can be between those two steps now); else a folder of an earlier
            // version, or of a process making its folder right now: removed only when empty and old.
            Path pending = folder.resolve(PENDING_LOCK);
            if (Files.exists(pending, LinkOption.NOFOLLOW_LINKS)) {
                return olderThanGrace(pending) && lockIsFree(pending);
            }
            try (Stream<Path> files = Files.list(folder)) {
                return files.findAny().isEmpty() && olderThanGrace(folder);
            }
        }
        return lockIsFree(lockFile);
    }

    private static boolean olderThanGrace(Path path) throws IOException {
        return System.currentTimeMillis() - Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toMillis()
                > UNLOCKED_GRACE_MILLIS;
    }

    /**
     * Whether no process holds the lock of {@code lockFile}. Never opened when this JVM holds it: closing a channel
     * releases every lock the JVM has on the file, the one its own owner took included.
     */
    private static boolean lockIsFree(Path lockFile) throws IOException {
        if (HELD.contains(lockFile.toRealPath())) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock free = channel.tryLock();
            if (free == null) {
                return false;
            }
            free.release();
            return true;
        } catch (OverlappingFileLockException | NoSuchFileException e) {
            return false; // held in this JVM after all, or removed by its owner meanwhile
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @PreDestroy
    void removeOwnFolder() {
        try {
            if (lockChannel.isOpen()) {
                lock.release();
                lockChannel.close();
            }
        } catch (IOException e) {
            log.warn("could not release {}", lockFile, e);
        } finally {
            HELD.remove(lockFile);
        }
        try {
            if (Files.exists(directory)) {
                deleteRecursively(directory);
            }
        } catch (IOException e) {
            log.warn("could not remove {}", directory, e);
        }
    }
}
