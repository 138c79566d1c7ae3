package cn.daiban.command.delegation;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule catalogue lists every rule it names, each once, in the problem's kebab-case, and every rule a refusal
 * test of the delegation expects.
 */
class DelegationRulesTest {

    @Test
    void catalogueListsEveryNamedRuleOnce() throws IllegalAccessException {
        List<String> named = new java.util.ArrayList<>();
        for (Field field : DelegationRules.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                named.add((String) field.get(null));
            }
        }
        assertThat(DelegationRules.ALL).containsExactlyInAnyOrderElementsOf(named);
        assertThat(new HashSet<>(DelegationRules.ALL)).hasSameSizeAs(DelegationRules.ALL);
        assertThat(DelegationRules.ALL).allMatch(rule -> rule.matches("[a-z]+(-[a-z]+)*"));
    }

    @Test
    void everyRuleARefusalTestNamesIsInTheCatalogue() throws IOException {
        Set<String> refused = refusedInTests();
        assertThat(refused).hasSizeGreaterThan(30);
        assertThat(DelegationRules.ALL).containsAll(refused);
    }

    /**
     * Each rule of the catalogue is named by at least one refusal test of the delegation, so a rule a reader can list
     * is one a test proves fires (and a rule nothing enforces any more shows up here).
     */
    @Test
    void everyRuleOfTheCatalogueIsNamedByARefusalTest() throws IOException {
        Set<String> refused = refusedInTests();
        assertThat(refused).containsAll(DelegationRules.ALL);
    }

    /** The rules the delegation's refusal tests expect (the first argument of each refusedBy), read from their sources. */
    private static Set<String> refusedInTests() throws IOException {
        // Surefire runs in the module directory: the fixture tests are read as source.
        Set<String> refused = new TreeSet<>();
        try (Stream<Path> sources = Files.list(Path.of("src/test/java/cn/daiban/command/delegation"))) {
            for (Path source : sources.toList()) {
                Matcher matcher = Pattern.compile("refusedBy\\(\"([^\"]+)\"").matcher(Files.readString(source));
                while (matcher.find()) {
                    refused.add(matcher.group(1));
                }
            }
        }
        return refused;
    }
}
