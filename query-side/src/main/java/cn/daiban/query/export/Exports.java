package cn.daiban.query.export;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Sends a table as a download, so that a failure never looks like a file.
 * <ul>
 *   <li>.xlsx: every row is rendered into POI's streaming workbook (temporary files in
 *       {@link ExportTempDirectory}) before the first byte is sent; any failure until then is an ordinary error
 *       answer (problem+json).</li>
 *   <li>CSV: rows are written as they are read. A failure while the response is not yet committed (nothing has
 *       left the server's buffer) discards the buffer and becomes an ordinary error answer too.</li>
 *   <li>A failure after the response is committed throws {@link ExportAbortedException}: the connection is
 *       closed without the terminating chunk.</li>
 * </ul>
 */
@Component
public class Exports {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String CSV = "text/csv;charset=UTF-8";

    /** Fills a table; may throw anything, which is then reported as above. */
    @FunctionalInterface
    public interface Rows {
        void writeTo(TableWriter table) throws Exception;
    }

    Exports(ExportTempDirectory temp) {
        // Depends on the temp folder so POI is pointed at it before the first workbook is made.
    }

    public void xlsx(HttpServletResponse response, String title, List<String> headings, Rows rows) throws Exception {
        TableWriter.Xlsx table = TableWriter.xlsx(title, headings);
        try {
            rows.writeTo(table);
        } catch (Exception | Error e) {
            table.discard();
            throw e;
        }
        headers(response, XLSX, title + ".xlsx");
        try {
            table.writeTo(response.getOutputStream());
            response.flushBuffer();
        } catch (Exception e) {
            throw abortedOrPlain(response, e);
        } finally {
            table.discard();
        }
    }

    public void csv(HttpServletResponse response, String title, List<String> headings, Rows rows) throws Exception {
        headers(response, CSV, title + ".csv");
        try {
            TableWriter table = TableWriter.csv(response.getOutputStream(), headings);
            rows.writeTo(table);
            // Closed (flushed through to the client) only on success: a flush on the way out of a failure would
            // commit the response and turn an error answer into a broken download.
            table.close();
            response.flushBuffer();
        } catch (Exception e) {
            throw abortedOrPlain(response, e);
        }
    }

    public void either(boolean xlsx, HttpServletResponse response, String title, List<String> headings, Rows rows)
            throws Exception {
        if (xlsx) {
            xlsx(response, title, headings, rows);
        } else {
            csv(response, title, headings, rows);
        }
    }

    private static Exception abortedOrPlain(HttpServletResponse response, Exception e) {
        if (response.isCommitted()) {
            return new ExportAbortedException(e);
        }
        // Nothing has been sent: forget the download's headers and buffered bytes, answer an error instead.
        response.reset();
        return e;
    }

    private static void headers(HttpServletResponse response, String contentType, String filename) {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(contentType);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(filename, StandardCharsets.UTF_8).build().toString());
    }
}
