package cn.daiban.kernel.delegation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The applicant's six commitments printed on the acceptance form (受理单 注意事项, `002 表A.2`), word for word, and the
 * version of that text an applicant signed. The version is {@code 002-A.2/sha256:} and the first 16 hex digits of
 * the SHA-256 of the six lines joined by newlines; it is stored with the signature
 * ({@link DelegationCommissionedEvent#commitmentsVersion()}, {@link AssistConvertedToProxyEvent#commitmentsVersion()}),
 * so a form reprinted after the text changes still prints what that applicant signed. Never change a published
 * text: add a new one to {@link #BY_VERSION} and point {@link #CURRENT} at it.
 *
 * <p>Line 6 carries the seed's placeholder {@code XXXXXXX} for the station's complaint and supervision phone; the
 * form prints the station's number in its place ({@link #printed(String)}); the version covers the text as published.
 */
public final class ApplicantCommitments {

    /** 002 表A.2 注意事项 1–6, copied from the seed. */
    public static final List<String> TABLE_A2 = List.of(
            "1.申请人承诺所申请帮办代办事项必须合法合规，且具备受理条件；",
            "2.申请人所提交的资料必须真实有效，并负法律责任；",
            "3.申请人须积极配合具体办理人完成事项办理；",
            "4.申请人短缺的资料必须按照承诺时限提交办理人员；",
            "5.帮办代办过程中如有疑问，请咨询受理人员或受理窗口；",
            "6.帮办代办服务投诉建议监督电话：XXXXXXX。");

    /** The seed's placeholder for the supervision phone in line 6. */
    public static final String PHONE_PLACEHOLDER = "XXXXXXX";

    public static final String CURRENT = versionOf(TABLE_A2);

    private static final Map<String, List<String>> BY_VERSION = Map.of(CURRENT, TABLE_A2);

    private ApplicantCommitments() {
    }

    /** The text of a signed version; empty for a version this release does not know. */
    public static Optional<List<String>> text(String version) {
        return Optional.ofNullable(version == null ? null : BY_VERSION.get(version));
    }

    /** The lines as printed for a station: the placeholder replaced by its supervision phone. */
    public static List<String> printed(List<String> lines, String supervisionPhone) {
        String phone = supervisionPhone == null || supervisionPhone.isBlank() ? PHONE_PLACEHOLDER : supervisionPhone;
        return lines.stream().map(line -> line.replace(PHONE_PLACEHOLDER, phone)).toList();
    }

    public static List<String> printed(String supervisionPhone) {
        return printed(TABLE_A2, supervisionPhone);
    }

    static String versionOf(List<String> lines) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
            return "002-A.2/sha256:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
