package cn.daiban.command.common;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** For Axon fixtures: the command was refused by the named rule (and, where given, naming the input field). */
public final class DomainRuleMatchers {

    private DomainRuleMatchers() {
    }

    public static Matcher<DomainRuleException> refusedBy(String rule) {
        return refusedBy(rule, null, false);
    }

    public static Matcher<DomainRuleException> refusedBy(String rule, String field) {
        return refusedBy(rule, field, true);
    }

    private static Matcher<DomainRuleException> refusedBy(String rule, String field, boolean checkField) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainRuleException e) {
                return rule.equals(e.rule()) && (!checkField || java.util.Objects.equals(field, e.field()));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a DomainRuleException of rule ").appendValue(rule);
                if (checkField) {
                    description.appendText(" naming field ").appendValue(field);
                }
            }

            @Override
            protected void describeMismatchSafely(DomainRuleException e, Description description) {
                description.appendText("was rule ").appendValue(e.rule()).appendText(" naming field ")
                        .appendValue(e.field()).appendText(": ").appendText(e.getMessage());
            }
        };
    }
}
