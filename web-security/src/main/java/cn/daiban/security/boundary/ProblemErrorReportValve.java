package cn.daiban.security.boundary;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Tomcat's own error report as problem+json instead of its HTML page: what Tomcat refuses before Spring sees the
 * request (a header too large, a malformed address such as an encoded slash {@code %2F}) is answered in the same
 * shape as every other refusal, and tells nothing of the server.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(ProblemResponses.json(status, ProblemResponses.rule(status), null,
                        ProblemErrorController.detail(status), null));
                response.finishResponse();
            }
        } catch (Throwable ignored) {
            // The connection is being closed anyway; there is nobody left to tell.
        }
    }
}
