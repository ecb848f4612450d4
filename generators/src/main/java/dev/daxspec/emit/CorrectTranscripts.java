package dev.daxspec.emit;

import dev.daxspec.oracle.fs.Unpredictable;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.program.ProgramRunner;
import dev.daxspec.oracle.program.Transcript;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The correct kernel's transcripts of programs, each program run on the oracle at most once
 * while a suite is rendered. A test case's own program has its expected transcripts, computed
 * when its scenario was compiled ({@link FeatureTestCases}); another program an emitter asks
 * about (a test's steps on the other kind of device, or on another filesystem) is often some
 * other test case's, and is run on the oracle only when it is not.
 *
 * <p>Not thread-safe: one suite at a time.
 */
final class CorrectTranscripts {

    private final Map<Program, Optional<List<String>>> byProgram = new HashMap<>();

    private CorrectTranscripts() {}

    /** The transcripts of {@code cases}: each case's program with its expected transcripts. */
    static CorrectTranscripts of(List<TestCase> cases) {
        CorrectTranscripts t = new CorrectTranscripts();
        cases.forEach(tc -> t.byProgram.putIfAbsent(tc.program(), Optional.of(tc.expected())));
        return t;
    }

    /**
     * Every transcript a correct kernel may print for {@code program} (several after a crash);
     * empty when the oracle cannot predict it ({@link Unpredictable}) or refuses it.
     */
    Optional<List<String>> of(Program program) {
        Optional<List<String>> known = byProgram.get(program);
        if (known != null) {
            return known;
        }
        Optional<List<String>> predicted;
        try {
            predicted = Optional.of(ProgramRunner.outcomes(program, Kernel.CORRECT).stream()
                    .map(Transcript::text)
                    .toList());
        } catch (Unpredictable | IllegalArgumentException e) {
            predicted = Optional.empty();
        }
        byProgram.put(program, predicted);
        return predicted;
    }
}
