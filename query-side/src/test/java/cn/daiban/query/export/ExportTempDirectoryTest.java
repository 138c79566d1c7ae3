package cn.daiban.query.export;

import org.apache.poi.util.TempFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** POI's temporary files go to a folder of the application's own, never the machine-wide poifiles folder. */
class ExportTempDirectoryTest {

    @TempDir
    Path root;

    private ExportTempDirectory temp;

    @AfterEach
    void remove() {
        if (temp != null) {
            temp.removeOwnFolder();
        }
    }

    @Test
    void byDefaultAFreshOwnerOnlyFolderPerProcessHoldsTheWorkbooksTemporaryFiles() throws Exception {
        temp = new ExportTempDirectory("");
        Path dir = temp.directory();
        assertThat(dir.getFileName().toString()).startsWith("daiban-export-");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");

        File poiFile = TempFile.createTempFile("poi-sxssf-sheet", ".xml");
        assertThat(poiFile.toPath().getParent()).isEqualTo(dir);
        try (TableWriter.Xlsx table = TableWriter.xlsx("表", List.of("a"))) {
            table.row(List.of("x"));
            try (var files = Files.list(dir)) {
                assertThat(files.filter(f -> f.getFileName().toString().startsWith("poi-sxssf"))).hasSizeGreaterThan(1);
            }
        }

        temp.removeOwnFolder();
        assertThat(dir).doesNotExist();
        temp = null;
    }

    @Test
    void aConfiguredFolderIsCreatedOwnerOnlyAndKeptAndHoldsTheProcesssOwnFolder() throws Exception {
        Path configured = root.resolve("exports/tmp");
        temp = new ExportTempDirectory(configured.toString());
        assertThat(configured).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(configured))).isEqualTo("rwx------");
        Path own = temp.directory();
        assertThat(own.getParent()).isEqualTo(configured);
        assertThat(own.getFileName().toString()).startsWith("daiban-export-");
        assertThat(TempFile.createTempFile("poi", ".xml").toPath().getParent()).isEqualTo(own);
        temp.removeOwnFolder();
        temp = null;
        assertThat(own).doesNotExist();
        assertThat(configured).isDirectory();
    }

    /**
     * A query side that is killed cannot remove its folder, nor an export's temporary files in it; the next one to
     * start removes them, but never the folder of a process still running, in this JVM or another.
     */
    @Test
    void atStartTheFoldersOfEndedProcessesAreRemovedAndThoseOfRunningOnesKept() throws Exception {
        Path ended = folder("daiban-export-1", true);
        Files.writeString(ended.resolve("poi-sxssf-sheet123.xml"), "<row/>");
        Path running = folder("daiban-export-2", true);
        Path unlockedOld = folder("daiban-export-3", false);
        Files.setLastModifiedTime(unlockedOld, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path unlockedYoung = folder("daiban-export-4", false);
        Path unlockedOldWithFiles = folder("daiban-export-5", false);
        Files.writeString(unlockedOldWithFiles.resolve("poi-sxssf-sheet456.xml"), "<row/>");
        Files.setLastModifiedTime(unlockedOldWithFiles, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path unrelated = folder("something-else", true);
        Path endedWhileLocking = folder("daiban-export-6", false);
        Path pending = Files.createFile(endedWhileLocking.resolve(ExportTempDirectory.PENDING_LOCK));
        Files.setLastModifiedTime(pending, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path lockingNow = folder("daiban-export-7", false);
        Files.createFile(lockingNow.resolve(ExportTempDirectory.PENDING_LOCK));
        assertThat(lockIsFree(ended)).as("a lock file no process holds reads free").isTrue();

        Process holder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), HoldLock.class.getName(),
                running.resolve(ExportTempDirectory.LOCK).toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            assertThat(new BufferedReader(new InputStreamReader(holder.getInputStream())).readLine())
                    .isEqualTo("locked");

            temp = new ExportTempDirectory(root.toString());
            assertThat(ended).doesNotExist();
            assertThat(unlockedOld).doesNotExist();
            assertThat(running).isDirectory();
            assertThat(unlockedYoung).isDirectory();
            assertThat(unlockedOldWithFiles).isDirectory();
            assertThat(unrelated).isDirectory();
            assertThat(endedWhileLocking).doesNotExist();
            assertThat(lockingNow).isDirectory();
            assertThat(lockIsFree(running)).as("held by the other process").isFalse();

            // A second application context in this JVM keeps the first's folder, and the first still holds it.
            ExportTempDirectory second = new ExportTempDirectory(root.toString());
            try {
                assertThat(temp.directory()).isDirectory();
                assertThat(ExportTempDirectoryTest.lockIsFree(temp.directory())).isFalse();
            } finally {
                second.removeOwnFolder();
            }

            holder.destroyForcibly(); // SIGKILL: no chance to tidy up; the system releases its lock
            assertThat(holder.waitFor(1, TimeUnit.MINUTES)).isTrue();
            ExportTempDirectory next = new ExportTempDirectory(root.toString());
            next.removeOwnFolder();
            assertThat(running).doesNotExist();
            assertThat(temp.directory()).isDirectory();
        } finally {
            holder.destroyForcibly();
        }
    }

    private Path folder(String name, boolean withLockFile) throws Exception {
        Path folder = Files.createDirectory(root.resolve(name));
        if (withLockFile) {
            Files.createFile(folder.resolve(ExportTempDirectory.LOCK));
        }
        return folder;
    }

    /** Asked from another process, as a starting query side would: can the folder's lock be taken? */
    private static boolean lockIsFree(Path folder) throws Exception {
        Process probe = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), TryLock.class.getName(),
                folder.resolve(ExportTempDirectory.LOCK).toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String answer = new String(probe.getInputStream().readAllBytes()).trim();
        assertThat(probe.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(probe.exitValue()).as("the probe's exit").isZero();
        assertThat(answer).isIn("true", "false");
        return answer.equals("true");
    }
}
