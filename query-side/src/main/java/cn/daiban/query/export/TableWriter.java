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
 * streaming workbook keeps a window of rows, flushing the rest to a temporary file in
 * {@link ExportTempDirectory}).
 *
 * <p>Formula injection (CSV injection, OWASP): a text cell beginning with {@code =}, {@code +}, {@code -},
 * {@code @}, a tab or a carriage return could be taken for a formula by a spreadsheet program; such a cell is
 * written with a single quote {@code '} in front, as OWASP recommends. Only text is touched: numbers stay numeric
 * cells (a negative number is a number, not text), and masked phone numbers or dates do not begin with those
 * characters.
 */
public interface TableWriter extends AutoCloseable {

    void row(List<?> cells) throws IOException;

    @Override
    void close() throws IOException;

    static TableWriter csv(OutputStream out, List<String> headings) throws IOException {
        return new Csv(out, headings);
    }

    /** An .xlsx table, kept in temporary files until {@link Xlsx#writeTo(OutputStream)}. */
    static Xlsx xlsx(String sheetName, List<String> headings) {
        return new Xlsx(sheetName, headings);
    }

    /** The text of a text cell as written: with a leading {@code '} when it could be read as a formula. */
    static String neutralised(String text) {
        if (!text.isEmpty()) {
            char first = text.charAt(0);
            if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
                return "'" + text;
            }
        }
        return text;
    }

    /** RFC 4180: quote a field holding a comma, quote, CR or LF, doubling its quotes; text neutralised first. */
    static String csvField(Object value) {
        String text = value == null ? "" : value instanceof Number ? value.toString() : neutralised(value.toString());
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
        private final SXSSFWorkbook workbook = new SXSSFWorkbook(200);
        private final Sheet sheet;
        private int next;
        private boolean discarded;

        Xlsx(String sheetName, List<String> headings) {
            try {
                this.sheet = workbook.createSheet(sheetName);
                row(headings);
            } catch (RuntimeException e) {
                discard();
                throw e;
            }
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
                    cell.setCellValue(neutralised(value.toString()));
                }
            }
        }

        /** Writes the whole workbook; the first byte reaches {@code out} only here. */
        public void writeTo(OutputStream out) throws IOException {
            workbook.write(out);
            out.flush();
        }

        /** Removes the temporary files; idempotent. */
        public void discard() {
            if (discarded) {
                return;
            }
            discarded = true;
            workbook.dispose();
            try {
                workbook.close();
            } catch (IOException ignored) {
                // the temporary files are gone (dispose); nothing else is held
            }
        }

        @Override
        public void close() {
            discard();
        }
    }
}
