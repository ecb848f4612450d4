package dev.daxspec.emit;

import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.program.ProgramRunner;
import dev.daxspec.oracle.program.Transcript;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One test for the emitters: a scenario bound to one target, with what it checks and what a
 * correct kernel prints. This is all an emitter knows; features, case files or anything
 * else that makes programs turn their scenarios into these.
 *
 * @param id unique in a suite; letters, digits and {@code . _ - + = @}, at most 200
 *     characters (it names files), e.g. {@code pwrite-unaligned@ext4-pmem-dax=always-4096}
 * @param title one line: what the test checks
 * @param about the paragraph behind it (the rule, the seed thread), one entry per line
 * @param tags the scenario's tags, e.g. {@code @seed:004}, {@code @touches:fs/dax.c:dax_iomap_rw}
 * @param program what the test runs
 * @param expected the correct transcripts, each as {@link ProgramRunner} prints it for
 *     {@link Kernel#CORRECT}; usually one, several when more than one outcome is correct
 *     (after a crash). Never written by hand.
 * @param fixedByCommit the kernel commit whose fix the test guards, when the rule guards a
 *     known fix ({@link KernelFixes})
 * @param deviations where a real kernel departs from the rule, recorded with evidence
 */
public record TestCase(
        String id,
        String title,
        List<String> about,
        List<String> tags,
        Program program,
        List<String> expected,
        Optional<KernelFix> fixedByCommit,
        List<KnownDeviation> deviations) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+=@-]{0,199}");

    /** Validates; each check's message names the test and the bad value. */
    public TestCase {
        Objects.requireNonNull(program, "program");
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("test id '" + id + "' must be 1 to 200 letters, digits, '.', '_', '+',"
                    + " '=', '@' or '-', starting with a letter or digit");
        }
        if (title == null || title.isBlank() || title.contains("\n")) {
            throw new IllegalArgumentException("test " + id + ": the title must be one non-blank line");
        }
        about = List.copyOf(about);
        tags = List.copyOf(tags);
        expected = List.copyOf(expected);
        deviations = List.copyOf(deviations);
        if (expected.isEmpty()) {
            throw new IllegalArgumentException("test " + id + " has no expected transcript");
        }
        for (String t : tags) {
            if (!t.matches("@\\S+")) {
                throw new IllegalArgumentException("test " + id + ": tag '" + t + "' must be '@' and no spaces");
            }
        }
        Objects.requireNonNull(fixedByCommit, "fixedByCommit");
    }

    /**
     * A test whose expected transcripts are the oracle's for the correct kernel (more than
     * one when a crash leaves the kernel a choice), with no recorded deviation.
     *
     * @throws dev.daxspec.oracle.fs.Unpredictable when the oracle cannot predict the program
     */
    public static TestCase predicted(
            String id,
            String title,
            List<String> about,
            List<String> tags,
            Program program,
            Optional<KernelFix> fixedByCommit) {
        return new TestCase(
                id,
                title,
                about,
                tags,
                program,
                ProgramRunner.outcomes(program, Kernel.CORRECT).stream()
                        .map(Transcript::text)
                        .toList(),
                fixedByCommit,
                List.of());
    }

    /** This test with {@code list} as its recorded deviations. */
    public TestCase withDeviations(List<KnownDeviation> list) {
        return new TestCase(id, title, about, tags, program, expected, fixedByCommit, list);
    }
}
