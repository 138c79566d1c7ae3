package cn.daiban.security.boundary;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the request filter refuses before anything reads the request: a query that is not UTF-8, a wildcard type. */
class RequestTextFilterTest {

    @Test
    void aQueryParameterThatIsNotUtf8IsNamed() {
        assertThat(RequestTextFilter.notUtf8("q=%FF")).containsExactly(TextRules.INVALID_TEXT, "q", "is not UTF-8 text");
        assertThat(RequestTextFilter.notUtf8("size=20&region=%C0%AF")[1]).isEqualTo("region");
        assertThat(RequestTextFilter.notUtf8("q=%ED%A0%80")[1]).as("a surrogate's bytes").isEqualTo("q");
        assertThat(RequestTextFilter.notUtf8("%FF=1")[1]).isEqualTo("query");
        assertThat(RequestTextFilter.notUtf8("q%Fz=%FF")[1]).as("a name with a broken escape").isEqualTo("query");
        assertThat(RequestTextFilter.notUtf8("a%=%FF")[1]).isEqualTo("query");
    }

    @Test
    void utf8AndPlainQueriesPass() {
        assertThat(RequestTextFilter.notUtf8("q=%E5%85%BB%E8%80%81&size=20&rollUp=true")).isNull();
        assertThat(RequestTextFilter.notUtf8("q=a+b&flag&empty=&pct=%25")).isNull();
        assertThat(RequestTextFilter.notUtf8("q=%Fz")).as("not an escape: taken as written").isNull();
    }

    @Test
    void aContentTypeNamingNoFormatIsRefused() {
        assertThat(RequestTextFilter.unreadableContentType("*/*")).contains("names no format");
        assertThat(RequestTextFilter.unreadableContentType("application/*")).contains("names no format");
        assertThat(RequestTextFilter.unreadableContentType("not a type")).contains("not a media type");
        assertThat(RequestTextFilter.unreadableContentType("application/json;charset=UTF-8")).isNull();
        assertThat(RequestTextFilter.unreadableContentType(null)).isNull();
    }
}
