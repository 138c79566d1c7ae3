package cn.daiban.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * JSON over HTTP to both applications, signed in with tokens the embedded profile issues (POST /api/dev/tokens).
 *
 * <p>The transport is Apache HttpClient's classic (blocking) client over a connection pool as large as the load: each
 * client thread sends its request and reads the answer itself. The load runs on the machine it measures, so its own
 * cost is part of the CPU the report shares out; the JDK's {@code java.net.http} client hands every exchange between
 * its selector thread and an executor, and cost about 1.2 ms of CPU per command here, about a tenth of the stack's.
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    record Answer(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }

        Answer expect2xx(String what) {
            if (!ok()) {
                throw new IllegalStateException(what + ": HTTP " + status + " " + body);
            }
            return this;
        }
    }

    final String command;
    final String query;
    private final CloseableHttpClient client;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    Api(String command, String query, int threads) {
        this.command = command;
        this.query = query;
        int connections = Math.max(4, threads);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        // two applications: each may be given every connection the load has
                        .setMaxConnPerRoute(connections).setMaxConnTotal(2 * connections)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(5, TimeUnit.SECONDS).build())
                        .build())
                .disableAutomaticRetries().disableCookieManagement().disableRedirectHandling()
                .build();
    }

    /** A bearer token for a user with this role at this station (null: an administrator). */
    String token(String user, String role, String station) {
        return tokens.computeIfAbsent(user + "|" + role + "|" + station, k -> {
            Map<String, Object> body = new java.util.HashMap<>(Map.of("user", user, "role", role));
            if (station != null) {
                body.put("station", station);
            }
            return post(command + "/api/dev/tokens", null, body).expect2xx("token").json().get("token").asText();
        });
    }

    Answer post(String url, String token, Object body) {
        HttpPost post = new HttpPost(url);
        try {
            post.setEntity(new ByteArrayEntity(JSON.writeValueAsBytes(body), ContentType.APPLICATION_JSON));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + body, e);
        }
        return exchange(post, token, 60);
    }

    Answer get(String url, String token) {
        return exchange(new HttpGet(url), token, 120);
    }

    private Answer exchange(HttpUriRequestBase request, String token, int timeoutSeconds) {
        request.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(timeoutSeconds)).build());
        if (token != null) {
            request.setHeader("Authorization", "Bearer " + token);
        }
        try {
            return client.execute(request, (ClassicHttpResponse r) -> new Answer(r.getCode(),
                    r.getEntity() == null ? "" : EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        }
    }

    /** Reads a (large) body through, counting bytes and lines without keeping it. */
    long[] download(String url, String token) throws IOException {
        HttpGet request = new HttpGet(url);
        request.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofMinutes(30)).build());
        request.setHeader("Authorization", "Bearer " + token);
        return client.execute(request, (ClassicHttpResponse r) -> {
            long bytes = 0;
            long lines = 0;
            byte[] buffer = new byte[65536];
            try (InputStream in = r.getEntity().getContent()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    bytes += n;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                        }
                    }
                }
            }
            return new long[]{r.getCode(), bytes, lines};
        });
    }
}
