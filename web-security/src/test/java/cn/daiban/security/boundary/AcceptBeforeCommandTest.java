package cn.daiban.security.boundary;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which {@code Accept} headers allow a command's JSON answer ({@link AcceptBeforeCommand}). */
class AcceptBeforeCommandTest {

    @Test
    void jsonAnAnyTypeOrNoHeaderAllowIt() {
        assertThat(AcceptBeforeCommand.answersJson(List.of())).isTrue();
        assertThat(AcceptBeforeCommand.answersJson(List.of("*/*"))).isTrue();
        assertThat(AcceptBeforeCommand.answersJson(List.of("application/json"))).isTrue();
        assertThat(AcceptBeforeCommand.answersJson(List.of("application/problem+json"))).isTrue();
        assertThat(AcceptBeforeCommand.answersJson(List.of("application/vnd.daiban+json"))).isTrue();
        assertThat(AcceptBeforeCommand.answersJson(List.of("text/html", "application/json;q=0.5"))).isTrue();
    }

    @Test
    void otherTypesOrJsonRefusedWithQZeroDoNot() {
        assertThat(AcceptBeforeCommand.answersJson(List.of("application/xml"))).isFalse();
        assertThat(AcceptBeforeCommand.answersJson(List.of("text/html, text/plain"))).isFalse();
        assertThat(AcceptBeforeCommand.answersJson(List.of("application/json;q=0"))).isFalse();
        assertThat(AcceptBeforeCommand.answersJson(List.of("not a type"))).isFalse();
    }
}
