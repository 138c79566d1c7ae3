package cn.daiban.kernel.upcasting;

import cn.daiban.kernel.delegation.ProgressChannel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressReportedEventUpcasterTest {

    final ObjectMapper json = new ObjectMapper();

    @Test
    void freeTextChannelBecomesAChannelAndIsKeptAsANote() throws Exception {
        JsonNode upcast = ProgressReportedEventUpcaster.upcast(json.readTree(
                "{\"delegationId\":\"0b0e7a4e-5f8d-4c61-9d8e-6f1f4a2b3c4d\",\"note\":\"材料已报县局\",\"channel\":\"电话告知\"}"));
        assertThat(upcast.get("channel").asText()).isEqualTo("PHONE");
        assertThat(upcast.get("channelNote").asText()).isEqualTo("电话告知");
        assertThat(upcast.get("note").asText()).isEqualTo("材料已报县局");
    }

    @Test
    void unknownOrMissingChannelIsOther() throws Exception {
        assertThat(ProgressReportedEventUpcaster.upcast(json.readTree("{\"note\":\"x\"}")).get("channel").asText())
                .isEqualTo("OTHER");
        assertThat(ProgressChannel.fromText("微信群")).isEqualTo(ProgressChannel.ONLINE);
        assertThat(ProgressChannel.fromText("上门送达")).isEqualTo(ProgressChannel.IN_PERSON);
        assertThat(ProgressChannel.fromText("短信")).isEqualTo(ProgressChannel.SMS);
        assertThat(ProgressChannel.fromText("口头")).isEqualTo(ProgressChannel.OTHER);
    }
}
