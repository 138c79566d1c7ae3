package cn.daiban.kernel.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/**
 * An enterprise's or organisation's unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters
 * from 0-9 and the upper-case letters except I, O, S, V and Z, the last one a MOD 31 check character.
 */
public record UnifiedSocialCreditCode(@JsonValue String value) {

    private static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final Pattern FORMAT = Pattern.compile("[0-9ABCDEFGHJKLMNPQRTUWXY]{18}");
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    public UnifiedSocialCreditCode {
        Require.present(value, "creditCode");
        value = value.strip().toUpperCase();
        if (!FORMAT.matcher(value).matches()) {
            throw new InvalidValueException("creditCode",
                    "must be 18 characters from 0-9 and A-Z without I, O, S, V, Z");
        }
        if (value.charAt(17) != checkCharacter(value)) {
            throw new InvalidValueException("creditCode", "has a wrong check character (GB 32100)");
        }
    }

    @JsonCreator
    public static UnifiedSocialCreditCode of(String value) {
        return new UnifiedSocialCreditCode(value);
    }

    static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CHARSET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return CHARSET.charAt(check == 31 ? 0 : check);
    }

    @Override
    public String toString() {
        return value;
    }
}
