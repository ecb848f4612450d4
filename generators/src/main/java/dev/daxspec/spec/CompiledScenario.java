package dev.daxspec.spec;

import dev.daxspec.oracle.fs.Unpredictable;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.program.ProgramRunner;
import dev.daxspec.oracle.program.Step;
import dev.daxspec.oracle.program.Transcript;
import dev.daxspec.oracle.program.XfsIoStep;
import dev.daxspec.oracle.xfsio.Invocation;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One Gherkin scenario (one Examples row of an outline) compiled for a target: the program
 * it runs and the claims its Then steps make about the program's transcript. What
 * {@code daxspec check} evaluates on the correct oracle and on every kernel variant, and
 * what emitters turn into tests (the program, with the oracle's transcripts as golden
 * output). Immutable.
 *
 * @param id unique and file-name safe: the feature's path under {@code features/} and the
 *     scenario's line, e.g. {@code mmap-eof_sigbus-23}
 * @param file the feature file as the user named it, e.g. {@code features/mmap/eof_sigbus.feature}
 * @param feature the feature's path under the features directory, e.g. {@code mmap/eof_sigbus.feature}
 * @param uri the feature file's URI, as Cucumber names it
 * @param line the scenario's line; for an outline, its Examples row
 * @param name the scenario's name, with an outline's values filled in
 * @param tags its tags and its feature's and Examples' ({@code @seed:002},
 *     {@code @touches:fs/dax.c:dax_iomap_pte_fault}, {@code @deviation:ext4-b6}), sorted
 * @param title the feature's title, the rule in a line ({@code A load or store through a mapping past EOF
 *     raises SIGBUS})
 * @param about the feature's opening paragraph (the rule and its seed), one entry per line
 * @param steps the scenario's steps as written, with their lines (an outline's with the row's values)
 * @param program what it runs
 * @param expectations what its Then steps claim, in step order
 * @param sources for each step of the program, the Gherkin step behind each command (one
 *     entry for crash, remount and fill)
 */
public record CompiledScenario(
        String id,
        String file,
        String feature,
        URI uri,
        int line,
        String name,
        List<String> tags,
        String title,
        List<String> about,
        List<StepRef> steps,
        Program program,
        List<Expectation> expectations,
        List<List<StepRef>> sources) {

    public CompiledScenario {
        Objects.requireNonNull(program, "program");
        tags = List.copyOf(tags);
        Objects.requireNonNull(title, "title");
        about = List.copyOf(about);
        steps = List.copyOf(steps);
        expectations = List.copyOf(expectations);
        sources = List.copyOf(sources);
    }

    /** {@code file:line}. */
    public String location() {
        return file + ":" + line;
    }

    /** The values of tags {@code @PREFIX:VALUE}, e.g. {@code deviation} gives {@code ext4-b6}. */
    public List<String> tagValues(String prefix) {
        String p = "@" + prefix + ":";
        return tags.stream()
                .filter(t -> t.startsWith(p))
                .map(t -> t.substring(p.length()))
                .toList();
    }

    /**
     * Runs the program on the oracle for {@code kernel} and checks every expectation in
     * every outcome it allows.
     *
     * @throws AuthoringError naming the step whose command the oracle cannot predict
     *     ({@link Unpredictable}) or refuses to run
     */
    public Evaluation evaluate(Kernel kernel) {
        List<String> transcripts;
        try {
            transcripts = ProgramRunner.outcomes(program, kernel).stream()
                    .map(Transcript::text)
                    .toList();
        } catch (Unpredictable | IllegalArgumentException e) {
            StepRef at = locate(kernel).orElse(new StepRef(file, line, name));
            String why = e instanceof Unpredictable
                    ? "the oracle cannot predict this on the " + kernel + " kernel: " + e.getMessage()
                    : e.getMessage();
            throw new AuthoringError(at, why, e);
        }
        return evaluate(transcripts);
    }

    /** Checks every expectation against {@code transcripts}, the outcomes of this program on some kernel. */
    public Evaluation evaluate(List<String> transcripts) {
        List<TranscriptView> views =
                transcripts.stream().map(t -> TranscriptView.of(program, t)).toList();
        List<Violation> out = new ArrayList<>();
        for (Expectation e : expectations) {
            e.violation(views).ifPresent(why -> out.add(new Violation(e, why)));
        }
        return new Evaluation(transcripts, out);
    }

    /** The first command whose prefix of the program the oracle refuses, by running ever longer prefixes. */
    private Optional<StepRef> locate(Kernel kernel) {
        List<Step> steps = program.steps();
        for (int i = 0; i < steps.size(); i++) {
            List<Step> prefix = new ArrayList<>(steps.subList(0, i));
            if (steps.get(i) instanceof XfsIoStep x) {
                Invocation inv = x.invocation();
                for (int j = 0; j < inv.ops().size(); j++) {
                    Invocation part = new Invocation(
                            inv.probe(),
                            inv.create(),
                            inv.readOnly(),
                            inv.file(),
                            inv.ops().subList(0, j + 1));
                    List<Step> tried = new ArrayList<>(prefix);
                    tried.add(new XfsIoStep(part, x.traced()));
                    if (fails(new Program(program.target(), tried), kernel)) {
                        return Optional.of(
                                sources.get(i).get(Math.min(j, sources.get(i).size() - 1)));
                    }
                }
            } else {
                prefix.add(steps.get(i));
                if (fails(new Program(program.target(), prefix), kernel)) {
                    return Optional.of(sources.get(i).get(0));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean fails(Program p, Kernel kernel) {
        try {
            ProgramRunner.outcomes(p, kernel);
            return false;
        } catch (Unpredictable | IllegalArgumentException e) {
            return true;
        }
    }
}
