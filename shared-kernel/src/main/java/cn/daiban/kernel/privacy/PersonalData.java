package cn.daiban.kernel.privacy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A client's personal data (`002 廉洁服务`: names, resident ID numbers, phone numbers, addresses): stored in the
 * event store only encrypted with the key of its {@link DataSubject}, so destroying that key erases it everywhere
 * the history goes (crypto-shredding). Once erased it reads as {@link #ERASED} (text) or {@code null} (other values).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface PersonalData {

    /** What an erased name or other text reads as. */
    String ERASED = "〔已删除〕";
}
