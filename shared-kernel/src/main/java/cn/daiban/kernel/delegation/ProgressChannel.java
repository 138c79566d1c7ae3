package cn.daiban.kernel.delegation;

import java.util.Locale;

/** How the client was told of progress (`002 承办`), so supervision can count it by channel. */
public enum ProgressChannel {
    PHONE("电话"), SMS("短信"), IN_PERSON("当面"), ONLINE("网上"), OTHER("其他");

    private final String label;

    ProgressChannel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * Reads a channel written as free text (how revision 1 of {@link ProgressReportedEvent} recorded it): 电话 →
     * PHONE, 短信 → SMS, 当面 / 现场 / 上门 → IN_PERSON, 网上 / 微信 / 政务App → ONLINE, anything else → OTHER.
     */
    public static ProgressChannel fromText(String text) {
        if (text == null || text.isBlank()) {
            return OTHER;
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.contains("电话") || t.contains("phone") || t.contains("来电")) {
            return PHONE;
        }
        if (t.contains("短信") || t.contains("sms")) {
            return SMS;
        }
        if (t.contains("当面") || t.contains("现场") || t.contains("上门") || t.contains("person")) {
            return IN_PERSON;
        }
        if (t.contains("网上") || t.contains("微信") || t.contains("app") || t.contains("online")) {
            return ONLINE;
        }
        return OTHER;
    }
}
