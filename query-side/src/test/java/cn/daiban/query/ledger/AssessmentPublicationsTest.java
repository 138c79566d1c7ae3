package cn.daiban.query.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What counts as a difference between a published quarterly assessment (通报) and its recount: a figure the
 * publication carries and the recount gives otherwise, or a row that came or went; not a figure the assessment gained
 * after the publication, nor a row only such a figure brings, nor a station's new name.
 */
class AssessmentPublicationsTest {

    static JsonNode rows(String json) throws Exception {
        return AssessmentPublications.CANONICAL.readTree(json);
    }

    @Test
    void aFigureAddedToTheAssessmentAfterThePublicationIsNoDifference() throws Exception {
        JsonNode published = rows("[{\"key\":\"140521000:Z2\",\"name\":\"县中心\",\"volume\":3,\"consultationsDue\":null}]");
        JsonNode now = rows("[{\"key\":\"140521000:Z2\",\"name\":\"县中心（新址）\",\"volume\":3,"
                + "\"consultationsDue\":null,\"transfersRefused\":2}]");
        assertThat(AssessmentPublications.differences(published, now)).isEmpty();
    }

    @Test
    void aRowThatOnlyAFigureAddedAfterThePublicationBringsIsNoDifference() throws Exception {
        JsonNode published = rows("[{\"key\":\"140521000:Z1\",\"volume\":3,\"complaints\":0,\"onTimeRate\":null,"
                + "\"volumeByClientCategory\":{}}]");
        JsonNode now = rows("[{\"key\":\"140521000:Z1\",\"volume\":3,\"complaints\":0,\"onTimeRate\":null,"
                + "\"volumeByClientCategory\":{},\"transfersRefused\":0},"
                + "{\"key\":\"140521000:Z2\",\"name\":\"分区\",\"stationCode\":\"140521000\",\"volume\":0,"
                + "\"complaints\":0,\"onTimeRate\":null,\"volumeByClientCategory\":{},\"transfersRefused\":2},"
                + "{\"key\":\"140521000:Z3\",\"volume\":1,\"complaints\":0,\"onTimeRate\":null,"
                + "\"volumeByClientCategory\":{},\"transfersRefused\":0}]");
        assertThat(AssessmentPublications.differences(published, now)).extracting(d -> d.key() + " " + d.figure())
                .as("Z2 brings only the later figure; Z3 a published one").containsExactly("140521000:Z3 row");
    }

    @Test
    void aPublishedFigureCountedOtherwiseNowAndARowThatCameAreDifferences() throws Exception {
        JsonNode published = rows("[{\"key\":\"140521000:Z2\",\"volume\":3,\"transfersRefused\":1}]");
        JsonNode now = rows("[{\"key\":\"140521000:Z2\",\"volume\":3,\"transfersRefused\":2},"
                + "{\"key\":\"140521000:Z3\",\"volume\":0,\"transfersRefused\":1}]");
        assertThat(AssessmentPublications.differences(published, now)).extracting(d -> d.key() + " " + d.figure()
                + " " + d.published() + " " + d.now())
                .containsExactly("140521000:Z2 transfersRefused 1 2", "140521000:Z3 row null counted now");
    }
}
