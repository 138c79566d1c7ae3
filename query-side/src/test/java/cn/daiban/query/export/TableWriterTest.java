package cn.daiban.query.export;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TableWriterTest {

    @Test
    void textThatCouldBeReadAsAFormulaGetsALeadingQuote() {
        for (String dangerous : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
            assertThat(TableWriter.neutralised(dangerous)).isEqualTo("'" + dangerous);
        }
        for (String harmless : List.of("", "王秀英", "139****5678", "2026-11-02", "a=b", "'already")) {
            assertThat(TableWriter.neutralised(harmless)).isEqualTo(harmless);
        }
    }

    @Test
    void csvNeutralisesTextButLeavesNumbersAlone() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TableWriter table = TableWriter.csv(out, List.of("a", "b", "c", "d"))) {
            table.row(Arrays.asList("=HYPERLINK(\"http://x\",\"点我\")", -5, "-5", null));
        }
        String text = out.toString(StandardCharsets.UTF_8).substring(1);
        assertThat(text.lines().toList()).containsExactly("a,b,c,d",
                "\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\",-5,'-5,");
    }

    @Test
    void xlsxWritesDangerousTextAsQuotedTextAndNumbersAsNumbers() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TableWriter.Xlsx table = TableWriter.xlsx("表", List.of("a", "b", "c"))) {
            table.row(Arrays.asList("=HYPERLINK(\"http://x\",\"点我\")", -5, "139****5678"));
            table.writeTo(out);
        }
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            var row = workbook.getSheetAt(0).getRow(1);
            assertThat(row.getCell(0).getCellType()).isEqualTo(CellType.STRING);
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo("'=HYPERLINK(\"http://x\",\"点我\")");
            assertThat(row.getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(row.getCell(1).getNumericCellValue()).isEqualTo(-5.0);
            assertThat(row.getCell(2).getStringCellValue()).isEqualTo("139****5678");
        }
    }
}
