package cn.daiban.query.replay;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;

import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Placeholders are numbered as the PostgreSQL driver numbers them, whatever quotes and comments surround them. */
class PlaceholdersTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "update delegation_view set details = details || jsonb_build_object(?, cast(? as jsonb)) where delegation_id = ?",
            "insert into t (a, b) values (?, '?') on conflict (a) do nothing",
            "select 'it''s ?' as x, ? from t where \"we?ird\" = ?",
            "select ? -- a comment? yes\\n, ?",
            "select /* ? */ ? , $$ ? $$, $tag$ it's ? $tag$, ?",
            "select a ?? 'k', ? from t",
            "select $1x, ? from t",
            "update t set n = n + 1",
            "select e'\\\\n', ?",
            "select e'it\\'s ?', ?, E'\\\\', ?",
            "select 'a\\\\', ?",
            "select ? /* outer /* inner ? */ still ? */, ?",
            "select ? -- to the end of the line ?\r, ?",
            "select ? -- to the end of the line ?\n, ?",
            "select a$b, ? from t$1",
            "select e'', ?, type'x', ?"})
    void numbersPlaceholdersAsTheDriverDoes(String sql) throws SQLException {
        List<NativeQuery> driver = Parser.parseJdbcSql(sql, true, true, false, false, false);
        assertThat(driver).hasSize(1);
        Placeholders.Numbered numbered = Placeholders.number(sql);
        assertThat(numbered).isNotNull();
        assertThat(numbered.sql()).isEqualTo(driver.get(0).nativeSql);
        assertThat(numbered.count()).isEqualTo(driver.get(0).bindPositions.length);
        assertThat(numbered.several()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"update a set x = ?; update b set y = 0", "select 1; select ?"})
    void tellsATextOfSeveralStatements(String sql) throws SQLException {
        assertThat(Parser.parseJdbcSql(sql, true, true, true, false, false)).hasSizeGreaterThan(1);
        assertThat(Placeholders.number(sql).several()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"update a set x = ?;", "update a set x = ?; ", "select ';', ?"})
    void aTrailingOrQuotedSemicolonIsOneStatement(String sql) {
        assertThat(Placeholders.number(sql).several()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"select '?", "select /* ?", "select $$ ?"})
    void leavesAnUnfinishedQuoteOrCommentToTheDriver(String sql) {
        assertThat(Placeholders.number(sql)).isNull();
    }
}
