package dev.daxspec.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.oracle.fs.Errno;
import io.cucumber.java.ParameterType;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What {@code daxspec check --list-steps} teaches: each parameter type with its grammar. */
class StepVocabularyTest {

    @Test
    void everyParameterTypeHasAGrammar() {
        for (Method m : ParameterTypes.class.getDeclaredMethods()) {
            if (m.isAnnotationPresent(ParameterType.class)) {
                assertThat(m.getAnnotation(Grammar.class)).as(m.getName()).isNotNull();
                assertThat(m.getAnnotation(Grammar.class).value())
                        .as(m.getName())
                        .isNotBlank();
            }
        }
        assertThat(StepVocabulary.parameterTypes())
                .contains("{hex}     one byte, 0x00 to 0xff")
                .anySatisfy(t -> assertThat(t).startsWith("{bytes}   ").contains("TiB", "page(s)", "PAGE_SIZE"));
    }

    /** The errno grammar is written out for the help; it names exactly the errnos the oracle has. */
    @Test
    void theErrnoGrammarNamesEachErrnoTheOracleHas() throws Exception {
        String grammar = ParameterTypes.class
                .getMethod("errno", String.class)
                .getAnnotation(Grammar.class)
                .value();
        assertThat(grammar.substring(grammar.indexOf(':') + 1).split(","))
                .extracting(String::strip)
                .containsExactlyElementsOf(
                        Arrays.stream(Errno.values()).map(Enum::name).toList());
    }
}
