package cn.daiban.security.boundary;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The field a refused value is named by, where a record refused one of its own components while it was read. */
class BoundaryProblemsTest {

    @Test
    void aComponentRefusedByItsRecordIsNamedWhereTheRecordIs() {
        assertThat(BoundaryProblems.within("siteConditions", "siteConditions.staffCount"))
                .isEqualTo("siteConditions.staffCount");
        assertThat(BoundaryProblems.within("attempts[2]", "attempts.at")).isEqualTo("attempts[2].at");
        assertThat(BoundaryProblems.within("body.attempts[0]", "attempts.outcome")).isEqualTo("body.attempts[0].outcome");
    }

    @Test
    void aValueRefusingItselfKeepsItsPath() {
        assertThat(BoundaryProblems.within("manager.phone", "phone")).isEqualTo("manager.phone");
        assertThat(BoundaryProblems.within("manager", "windows.code")).isEqualTo("manager");
        assertThat(BoundaryProblems.within("", "name")).isEqualTo("name");
        assertThat(BoundaryProblems.within(null, "name")).isEqualTo("name");
    }
}
