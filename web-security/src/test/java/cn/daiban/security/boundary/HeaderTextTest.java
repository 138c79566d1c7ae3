package cn.daiban.security.boundary;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The firewall's header text check answers as the regular expression it replaces, code point by code point. */
class HeaderTextTest {

    private static final Pattern TEXT = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    @Test
    void answersAsTheRegularExpressionForEveryCodePoint() {
        StringBuilder value = new StringBuilder();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            value.setLength(0);
            value.append("补正说明 ").appendCodePoint(codePoint).append(" ok");
            assertThat(BoundaryConfiguration.text(value))
                    .as("U+%04X", codePoint).isEqualTo(TEXT.matcher(value).matches());
        }
    }

    @Test
    void answersAsTheRegularExpressionForMixedText() {
        Random random = new Random(20261203);
        int[] pool = {'a', 'Z', ' ', '\t', '\n', 0x7f, 0x85, 0x4e2d, 0xd800, 0xdc00, 0x1f600, 0x0378, 0xe000, 0x200b};
        for (int round = 0; round < 5_000; round++) {
            StringBuilder value = new StringBuilder();
            for (int i = random.nextInt(8); i > 0; i--) {
                value.appendCodePoint(pool[random.nextInt(pool.length)]);
            }
            assertThat(BoundaryConfiguration.text(value)).as(value.codePoints().mapToObj(Integer::toHexString)
                    .toList().toString()).isEqualTo(TEXT.matcher(value).matches());
        }
    }
}
