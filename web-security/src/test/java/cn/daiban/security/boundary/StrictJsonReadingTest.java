package cn.daiban.security.boundary;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.http.converter.yaml.MappingJackson2YamlHttpMessageConverter;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Request bodies read as JSON only and each value as its own type ({@link StrictJsonReading}), through the converter
 * as Spring MVC is given it, and the problem each refusal is answered with.
 */
class StrictJsonReadingTest {

    enum Kind { ASSIST, PROXY }

    record Body(Kind kind, String name, Boolean consentGiven, Integer quarter, LocalDate date, Instant at,
                List<String> notes) {
    }

    record Completion(boolean successful, int hours) {
    }

    /** The application's mapper as Spring Boot builds it (java.time included). */
    private final ObjectMapper application = Jackson2ObjectMapperBuilder.json().build();

    private MappingJackson2HttpMessageConverter converter() {
        List<HttpMessageConverter<?>> converters = new ArrayList<>(List.of(new StringHttpMessageConverter(),
                new MappingJackson2HttpMessageConverter(application),
                new MappingJackson2YamlHttpMessageConverter()));
        new StrictJsonReading().extendMessageConverters(converters);
        assertThat(converters).as("no reader of YAML left").noneMatch(MappingJackson2YamlHttpMessageConverter.class::isInstance);
        return converters.stream().filter(MappingJackson2HttpMessageConverter.class::isInstance)
                .map(MappingJackson2HttpMessageConverter.class::cast).findFirst().orElseThrow();
    }

    private Body read(String json) throws Exception {
        return (Body) converter().read(Body.class, null, message(json));
    }

    private ProblemDetail refused(String json) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> read(json));
        assertThat(thrown).as(json).isInstanceOf(HttpMessageNotReadableException.class);
        return BoundaryProblems.notReadable((HttpMessageNotReadableException) thrown);
    }

    private static HttpInputMessage message(String json) {
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public HttpHeaders getHeaders() {
                HttpHeaders headers = new HttpHeaders();
                headers.setContentType(MediaType.APPLICATION_JSON);
                return headers;
            }
        };
    }

    @Test
    void wellFormedValuesAreReadAsBefore() throws Exception {
        Body body = read("""
                {"kind":"PROXY","name":"王秀英","consentGiven":true,"quarter":4,"date":"2026-12-05",
                 "at":"2026-12-05T01:02:03Z","notes":["a"]}""");
        assertThat(body).isEqualTo(new Body(Kind.PROXY, "王秀英", true, 4, LocalDate.of(2026, 12, 5),
                Instant.parse("2026-12-05T01:02:03Z"), List.of("a")));
    }

    @Test
    void aValueIsReadOnlyAsItsOwnType() {
        assertThat(refused("{\"kind\":0}").getProperties()).containsEntry("field", "kind");
        assertThat(refused("{\"name\":12345}").getProperties()).containsEntry("field", "name");
        assertThat(refused("{\"name\":true}").getProperties()).containsEntry("field", "name");
        assertThat(refused("{\"consentGiven\":-1}").getProperties()).containsEntry("field", "consentGiven");
        assertThat(refused("{\"quarter\":1.5}").getProperties()).containsEntry("field", "quarter");
        assertThat(refused("{\"quarter\":4.0}").getProperties()).as("a decimal, even a whole one")
                .containsEntry("field", "quarter");
        assertThat(refused("{\"date\":-1}").getProperties()).containsEntry("field", "date");
        assertThat(refused("{\"date\":12345}").getProperties()).containsEntry("field", "date");
        assertThat(refused("{\"at\":1}").getProperties()).containsEntry("field", "at");
    }

    /** Left out, a yes/no reads as false (optional ones are left out), and so does a null. */
    @Test
    void aYesOrNoLeftOutReadsAsFalse() throws Exception {
        assertThat(converter().read(Completion.class, null, message("{\"hours\":2}")))
                .isEqualTo(new Completion(false, 2));
    }

    @Test
    void nothingAfterTheValueAndNoKeyTwice() {
        assertThat(refused("{\"name\":\"a\"}{\"more\":1}").getDetail())
                .isEqualTo("nothing may follow the JSON value of the body");
        assertThat(refused("{\"name\":\"a\"}]]]").getDetail()).isNotBlank();
        assertThat(refused("{\"name\":\"a\",\"name\":\"b\"}").getDetail()).contains("name");
    }

    @Test
    void datesAndTimesFrom1900To2100() throws Exception {
        ProblemDetail yearZero = refused("{\"date\":\"0000-01-01\"}");
        assertThat(yearZero.getProperties()).containsEntry("field", "date");
        assertThat(yearZero.getDetail()).isEqualTo("date: the year must be from 1900 to 2100, not 0000-01-01");
        assertThat(refused("{\"at\":\"0000-01-01T00:00:00Z\"}").getProperties()).containsEntry("field", "at");
        assertThat(refused("{\"at\":\"+99999-01-01T00:00:00Z\"}").getProperties()).containsEntry("field", "at");
        assertThat(refused("{\"date\":\"-0001-01-01\"}").getProperties()).containsEntry("field", "date");
        assertThat(read("{\"date\":\"1900-01-01\",\"at\":\"2100-12-31T23:59:59Z\"}").date()).isEqualTo("1900-01-01");
    }

    @Test
    void theApplicationsOwnMapperIsLeftAsItWas() throws Exception {
        converter();
        assertThatThrownBy(() -> StrictJsonReading.strict(application).readValue("{\"kind\":0}", Body.class))
                .isInstanceOf(com.fasterxml.jackson.databind.exc.InvalidFormatException.class);
        // Stored events are read with the application's mapper, unchanged.
        assertThat(application.readValue("{\"kind\":0}", Body.class).kind()).isEqualTo(Kind.ASSIST);
    }
}
