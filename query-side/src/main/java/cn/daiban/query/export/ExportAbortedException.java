package cn.daiban.query.export;

/**
 * An export failed after part of it was sent: the status line and the first bytes are on their way, so no error
 * answer can follow. This exception is left to propagate out of the servlet, and the server then closes the
 * connection without the terminating chunk: the client sees a broken download, never a short file that looks
 * complete.
 */
public class ExportAbortedException extends RuntimeException {

    public ExportAbortedException(Throwable cause) {
        super("the export failed after its first bytes were sent; the response is aborted", cause);
    }
}
