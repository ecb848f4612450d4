package dev.daxspec.emit;

import dev.daxspec.conform.CaseFileParser;
import dev.daxspec.conform.ConformanceCase;
import dev.daxspec.conform.TestCases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The bundled conformance cases as test cases, for the emitter tests. */
public final class Cases {

    /** The checkout's fixtures/conformance, found from the module directory Maven runs tests in. */
    static final Path CONFORMANCE = Path.of("../fixtures/conformance");

    private static List<TestCase> all;

    private Cases() {}

    /** Every bundled case, in file and case order. */
    static synchronized List<TestCase> all() {
        if (all == null) {
            all = TestCases.of(conformanceCases(), KnownDeviations.none());
        }
        return all;
    }

    /** The cases whose id is one of {@code ids}, in that order. */
    public static List<TestCase> named(String... ids) {
        return Stream.of(ids)
                .map(id -> all().stream()
                        .filter(t -> t.id().equals(id))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no case " + id)))
                .toList();
    }

    static List<ConformanceCase> conformanceCases() {
        CaseFileParser parser = new CaseFileParser();
        try (Stream<Path> s = Files.list(CONFORMANCE)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".case")).sorted().toList()) {
                parser.parse(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!parser.problems().isEmpty()) {
            throw new IllegalStateException(parser.problems().toString());
        }
        return parser.cases();
    }
}
