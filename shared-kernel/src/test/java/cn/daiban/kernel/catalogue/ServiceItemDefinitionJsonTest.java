package cn.daiban.kernel.catalogue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The item's conditions and process (told in the one-time notice, `004 §6.3.5`) were added last and optional:
 * Jackson must read them through the canonical constructor (not the shorter one kept for callers), and a revision
 * stored before them must still read, without them.
 */
class ServiceItemDefinitionJsonTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void conditionsAndProcessSurviveARoundTrip() throws Exception {
        ServiceItemDefinition definition = json.readValue("""
                {"name":"城乡居民养老保险参保登记","department":"人社","authorityLevels":["VILLAGE_STATION"],
                 "materials":[{"name":"居民身份证","howToObtain":"本人携带原件","essential":true}],
                 "timeLimitWorkingDays":1,"fees":[],"touchesPrivacy":false,"onlineAvailable":true,
                 "conditions":"本县户籍居民","process":["收件预审","参保登记"]}""", ServiceItemDefinition.class);
        assertThat(definition.conditions()).isEqualTo("本县户籍居民");
        assertThat(definition.process()).containsExactly("收件预审", "参保登记");
        assertThat(json.readValue(json.writeValueAsString(definition), ServiceItemDefinition.class)).isEqualTo(definition);
    }

    @Test
    void aRevisionStoredBeforeThemStillReads() throws Exception {
        ServiceItemDefinition definition = json.readValue("""
                {"name":"城乡居民养老保险参保登记","department":"人社","authorityLevels":["VILLAGE_STATION"],
                 "materials":[],"timeLimitWorkingDays":1,"fees":[],"touchesPrivacy":false,"onlineAvailable":true}""",
                ServiceItemDefinition.class);
        assertThat(definition.conditions()).isNull();
        assertThat(definition.process()).isNull();
        assertThat(definition.materials()).isEqualTo(List.of());
    }
}
