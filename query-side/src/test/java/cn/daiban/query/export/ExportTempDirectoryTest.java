package cn.daiban.query.export;

import org.apache.poi.util.TempFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

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
    void aConfiguredFolderIsCreatedOwnerOnlyAndKept() throws Exception {
        Path configured = root.resolve("exports/tmp");
        temp = new ExportTempDirectory(configured.toString());
        assertThat(temp.directory()).isEqualTo(configured).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(configured))).isEqualTo("rwx------");
        assertThat(TempFile.createTempFile("poi", ".xml").toPath().getParent()).isEqualTo(configured);
        temp.removeOwnFolder();
        assertThat(configured).isDirectory();
    }
}
