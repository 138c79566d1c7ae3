package cn.daiban.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small HTTP client for the tests: JSON in, status and JSON out, the actor headers set per call. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    record Answer(int status, String body, Map<String, String> headers) {
        static JsonNode parse(String text) {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + text, e);
            }
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        Answer expect(int expected) {
            if (status != expected) {
                throw new AssertionError("expected HTTP " + expected + " but got " + status + ": " + body);
            }
            return this;
        }
    }

    private final Map<String, String> headers = new LinkedHashMap<>();
    private java.time.Duration timeout;

    /** The same client, also sending the header {@code name: value}. */
    Http with(String name, String value) {
        Http copy = new Http();
        copy.headers.putAll(headers);
        copy.headers.put(name, value);
        copy.timeout = timeout;
        return copy;
    }

    /** The same client, giving up on an answer after {@code limit} (an {@link UncheckedIOException} then). */
    Http within(java.time.Duration limit) {
        Http copy = new Http();
        copy.headers.putAll(headers);
        copy.timeout = limit;
        return copy;
    }

    private static final Map<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Signed in as {@code actorId}: an administrator without a station, else the station's manager. */
    static Http as(String actorId, String stationCode) {
        return as(actorId, stationCode, stationCode == null ? "ADMINISTRATOR" : "STATION_MANAGER");
    }

    /** Signed in with a token the embedded profile issues ({@code POST /api/dev/tokens}), as a client would get one. */
    static Http as(String actorId, String stationCode, String role) {
        String token = TOKENS.computeIfAbsent(actorId + "|" + stationCode + "|" + role, key -> {
            Map<String, Object> request = new java.util.HashMap<>(Map.of("user", actorId, "role", role));
            if (stationCode != null) {
                request.put("station", stationCode);
            }
            return new Http().post(Backend.commandSide() + "/api/dev/tokens", request).expect(200).json()
                    .get("token").asText();
        });
        Http http = new Http();
        http.headers.put("Authorization", "Bearer " + token);
        return http;
    }

    /** An administrator, who may read every view. */
    static Http admin() {
        return as("admin-reader", null);
    }

    /** The Authorization header this client sends (for clients the tests build themselves, e.g. of event streams). */
    String authorization() {
        return headers.get("Authorization");
    }

    static Http anonymous() {
        return new Http();
    }

    Answer post(String url, Object body) {
        try {
            String json = body instanceof String text ? text : JSON.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json));
            headers.forEach(request::header);
            if (timeout != null) {
                request.timeout(timeout);
            }
            return send(request.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Answer get(String url) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        headers.forEach(request::header);
        if (timeout != null) {
            request.timeout(timeout);
        }
        return send(request.build());
    }

    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            return new Answer(response.statusCode(), response.body(), headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
