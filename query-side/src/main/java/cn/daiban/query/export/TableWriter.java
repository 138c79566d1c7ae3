package cn.daiban.query.export;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a table row by row as it is read, so an export of any length never sits in memory whole: CSV (UTF-8 with
 * a byte-order mark, so spreadsheet programs read the Chinese headings right; RFC 4180 quoting) or .xlsx (POI's
 * streaming workbook keeps a window of rows, flushing the rest to a temporary file).
 */
public interface TableWriter extends AutoCloseable {

    void row(List<?> cells) throws IOException;

    @Override
    void close() throws IOException;

    static TableWriter csv(OutputStream out, List<String> headings) throws IOException {
        return new Csv(out, headings);
    }

    static TableWriter xlsx(OutputStream out, String sheetName, List<String> headings) throws IOException {
        return new Xlsx(out, sheetName, headings);
    }

    /** RFC 4180: quote a field holding a comma, quote, CR or LF, doubling its quotes. */
    static String csvField(Object value) {
        String text = value == null ? "" : value.toString();
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    final class Csv implements TableWriter {
        private final Writer writer;

        Csv(OutputStream out, List<String> headings) throws IOException {
            out.write(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            row(headings);
        }

        @Override
        public void row(List<?> cells) throws IOException {
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    writer.write(',');
                }
                writer.write(csvField(cells.get(i)));
            }
            writer.write("\r\n");
        }

        @Override
        public void close() throws IOException {
            writer.flush();
        }
    }

    final class Xlsx implements TableWriter {
        private final OutputStream out;
        private final SXSSFWorkbook workbook = new SXSSFWorkbook(200);
        private final Sheet sheet;
        private int next;

        Xlsx(OutputStream out, String sheetName, List<String> headings) throws IOException {
            this.out = out;
            this.sheet = workbook.createSheet(sheetName);
            row(headings);
        }

        @Override
        public void row(List<?> cells) {
            Row row = sheet.createRow(next++);
            for (int i = 0; i < cells.size(); i++) {
                Object value = cells.get(i);
                Cell cell = row.createCell(i);
                if (value instanceof Number number) {
                    cell.setCellValue(number.doubleValue());
                } else if (value != null) {
                    cell.setCellValue(value.toString());
                }
            }
        }

        @Override
        public void close() throws IOException {
            try {
                workbook.write(out);
                out.flush();
            } finally {
                workbook.dispose();
                workbook.close();
            }
        }
    }
}
