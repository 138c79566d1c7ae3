package cn.daiban.security.boundary;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonBodyInspectionTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static RejectedInputException refusal(String body) {
        try {
            JsonBodyInspection.inspect(JSON.readTree(body), "", null);
        } catch (RejectedInputException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("not refused: " + body);
    }

    @Test
    void freeTextMayHoldLineBreaksAndTabsButNoOtherControlCharacter() {
        assertThat(TextRules.freeText("第一行\r\n\t第二行")).isNull();
        assertThat(TextRules.freeText("a\u0000b")).contains("U+0000");
        assertThat(TextRules.freeText("a\u001Fb")).contains("U+001F");
        assertThat(TextRules.freeText("a\u007Fb")).contains("U+007F");
        assertThat(TextRules.freeText("a\uFFFFb")).contains("non-character");
    }

    @Test
    void aSingleLineHoldsNoLineBreakOrTab() {
        assertThat(TextRules.singleLine("RS-001 张三")).isNull();
        assertThat(TextRules.singleLine("a\nb")).isNotNull();
        assertThat(TextRules.singleLine("a\tb")).isNotNull();
        assertThat(TextRules.singleLine("a\rb")).isNotNull();
    }

    @Test
    void surrogatesMustComeInPairs() {
        assertThat(TextRules.freeText("𠀀")).isNull();
        assertThat(TextRules.freeText("\uD800")).contains("lone surrogate");
        assertThat(TextRules.freeText("a\uDC00")).contains("lone surrogate");
        assertThat(TextRules.freeText("\uD800a")).contains("lone surrogate");
    }

    @Test
    void theFieldIsTheJsonPathAtAnyDepth() {
        assertThat(refusal("{\"client\":{\"name\":\"张\\u0000三\"}}").field()).isEqualTo("client.name");
        assertThat(refusal("{\"needsAnalysis\":{\"steps\":[\"a\",\"b\\u0001\"]}}").field())
                .isEqualTo("needsAnalysis.steps[1]");
        assertThat(refusal("{\"materials\":[{\"name\":\"ok\"},{\"name\":\"\\ud800\"}]}").field())
                .isEqualTo("materials[1].name");
        assertThat(refusal("\"\\u0000\"").field()).isEqualTo("body");
    }

    /** A list holds values: a null entry is refused naming it (a command's list would otherwise fail unnamed). */
    @Test
    void aNullInAListIsRefusedNamingTheEntry() throws Exception {
        RejectedInputException refused = refusal("{\"materials\":[{\"name\":\"户口簿\"},null]}");
        assertThat(refused.rule()).isEqualTo(TextRules.INVALID_VALUE);
        assertThat(refused.field()).isEqualTo("materials[1]");
        assertThat(refusal("{\"client\":{\"notes\":[null]}}").field()).isEqualTo("client.notes[0]");
        // A null value of a field is the field's own business (absent, or refused by its command).
        JsonBodyInspection.inspect(JSON.readTree("{\"note\":null,\"materials\":[]}"), "", null);
    }

    @Test
    void aBadMapKeyIsNamedByItsMap() {
        RejectedInputException refused = refusal("{\"figures\":{\"in\\ntake\":1}}");
        assertThat(refused.field()).isEqualTo("figures");
        assertThat(refused.rule()).isEqualTo(TextRules.INVALID_TEXT);
    }

    @Test
    void listsAreHeldToTheirNamedLimitOrTheDefault() throws Exception {
        String twentyOne = "[" + "\"x\",".repeat(20) + "\"x\"]";
        RejectedInputException refused = refusal("{\"parallelDepartments\":" + twentyOne + "}");
        assertThat(refused.rule()).isEqualTo(TextRules.TOO_MANY);
        assertThat(refused.field()).isEqualTo("parallelDepartments");
        JsonBodyInspection.inspect(JSON.readTree("{\"other\":" + twentyOne + "}"), "", null);
        String hundredAndOne = "[" + "1,".repeat(100) + "1]";
        assertThat(refusal("{\"other\":" + hundredAndOne + "}").field()).isEqualTo("other");
    }

    @Test
    void aTextLongerThanTheLongestAllowedIsRefused() {
        RejectedInputException refused = refusal("{\"note\":\"" + "a".repeat(2001) + "\"}");
        assertThat(refused.rule()).isEqualTo(TextRules.TOO_LONG);
        assertThat(refused.field()).isEqualTo("note");
    }

    @Test
    void aGoodBodyPasses() throws Exception {
        JsonBodyInspection.inspect(JSON.readTree("{\"note\":\"已受理\\n明天办结\",\"channel\":\"PHONE\",\"n\":[1,2]}"),
                "", null);
        assertThatThrownBy(() -> refusal("{\"note\":\"ok\"}")).isInstanceOf(AssertionError.class);
    }
}
