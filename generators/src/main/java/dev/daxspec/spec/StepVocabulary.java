package dev.daxspec.spec;

import io.cucumber.java.ParameterType;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The step vocabulary as a list, read from the step definitions themselves, for
 * {@code daxspec check --list-steps} and the docs.
 */
public final class StepVocabulary {

    /** The glue classes holding step definitions, in the order a scenario uses them. */
    private static final List<Class<?>> STEPS = List.of(
            TargetSteps.class,
            FileSteps.class,
            MappingSteps.class,
            ExpectationSteps.class,
            FaultSteps.class,
            RawSteps.class);

    private StepVocabulary() {}

    /** Every step pattern, with the keyword it is written for: {@code Given {fs} on {device}}. */
    public static List<String> steps() {
        List<String> out = new ArrayList<>();
        for (Class<?> c : STEPS) {
            Arrays.stream(c.getDeclaredMethods())
                    .sorted(Comparator.comparing(StepVocabulary::line))
                    .forEach(m -> {
                        Given g = m.getAnnotation(Given.class);
                        When w = m.getAnnotation(When.class);
                        Then t = m.getAnnotation(Then.class);
                        if (g != null) {
                            out.add("Given " + g.value());
                        } else if (w != null) {
                            out.add("When " + w.value());
                        } else if (t != null) {
                            out.add("Then " + t.value());
                        }
                    });
        }
        return out;
    }

    /**
     * Every parameter type with its {@link Grammar}, sorted by name:
     * {@code {hex}      one byte, 0x00 to 0xff}.
     */
    public static List<String> parameterTypes() {
        List<String> out = new ArrayList<>();
        for (Method m : ParameterTypes.class.getDeclaredMethods()) {
            ParameterType p = m.getAnnotation(ParameterType.class);
            if (p != null) {
                Grammar g = m.getAnnotation(Grammar.class);
                String name = "{" + p.name() + "}";
                out.add(name + " ".repeat(Math.max(1, 10 - name.length())) + (g == null ? "" : g.value()));
            }
        }
        out.sort(String::compareTo);
        return out;
    }

    /** Source order is not kept by reflection; the annotation text groups well enough, by keyword then text. */
    private static String line(Method m) {
        Given g = m.getAnnotation(Given.class);
        When w = m.getAnnotation(When.class);
        Then t = m.getAnnotation(Then.class);
        return g != null ? "1" + g.value() : w != null ? "2" + w.value() : t != null ? "3" + t.value() : "4";
    }
}
