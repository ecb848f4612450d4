package dev.daxspec.emit;

import dev.daxspec.conform.CaseFileParser;
import dev.daxspec.conform.Conformance;
import dev.daxspec.conform.ConformanceCase;
import dev.daxspec.run.GuestJob;
import dev.daxspec.run.GuestResult;
import dev.daxspec.run.KernelBuild;
import dev.daxspec.run.RunResult;
import dev.daxspec.run.Vm;
import dev.daxspec.run.VmOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How {@code fixtures/emit/raw-transcripts/} was made: every conformance case's script run
 * on the installed kernel in the VM, its raw output (before any filter) saved as
 * {@code CASE.raw}, with {@code CASE.dev} holding the scratch device. {@link
 * ShellFilterTest} holds the awk filter to the Java filter on them. Run it from the
 * checkout's top directory:
 *
 * <pre>
 * mvn -q -o -pl generators -am test-compile
 * mvn -q -o -pl generators dependency:build-classpath -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=target/test-classpath.txt
 * java -cp "oracle/target/classes:generators/target/classes:generators/target/test-classes:$(cat generators/target/test-classpath.txt)" \
 *     dev.daxspec.emit.RawTranscriptRecorder [CASE-NAME-PREFIX...]
 * </pre>
 */
final class RawTranscriptRecorder {

    private RawTranscriptRecorder() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of("fixtures/emit/raw-transcripts");
        CaseFileParser parser = new CaseFileParser();
        try (Stream<Path> s = Files.list(Path.of("fixtures/conformance"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".case")).sorted().toList()) {
                parser.parse(f);
            }
        }
        // With arguments, only the cases whose names start with one of them: new cases.
        List<ConformanceCase> cases = parser.cases().stream()
                .filter(c -> args.length == 0 || Arrays.stream(args).anyMatch(c.name()::startsWith))
                .toList();
        List<GuestJob> jobs = new ArrayList<>();
        for (ConformanceCase c : cases) {
            jobs.add(new GuestJob(c.name(), Conformance.scripts(c)));
        }
        RunResult run = new Vm(KernelBuild.newestInstalled(), VmOptions.defaults()).run(jobs);
        Files.createDirectories(out);
        for (int i = 0; i < cases.size(); i++) {
            GuestResult r = run.results().get(i);
            if (r.outcome() != GuestResult.Outcome.COMPLETED) {
                throw new IOException(cases.get(i).name() + ": " + r.outcome() + " " + r.detail());
            }
            Files.writeString(
                    out.resolve(cases.get(i).name() + ".raw"),
                    r.phases().stream().map(p -> p.output()).collect(Collectors.joining()),
                    StandardCharsets.UTF_8);
            Files.writeString(
                    out.resolve(cases.get(i).name() + ".dev"),
                    "/dev/" + cases.get(i).program().target().device().kernelName() + "\n",
                    StandardCharsets.UTF_8);
        }
        System.out.println(run.figures().summary());
    }
}
