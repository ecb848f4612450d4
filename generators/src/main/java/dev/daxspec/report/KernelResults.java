package dev.daxspec.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What one kernel printed: the results of the JUnit files that {@code daxspec run},
 * {@code conform} and {@code series} write ({@code --junit FILE}), and the transcripts
 * {@code conform --record DIR} keeps. A run is a directory holding any of these (ci/test's
 * {@code target/ci}: {@code conform.xml}, {@code conform-features.xml}, {@code shell.xml})
 * or a single JUnit file. Immutable.
 *
 * @param kernel the kernel's release, from the files' {@code daxspec.kernel} property, else the
 *     directory's (or file's) name
 * @param sources the files read, as the user named them
 * @param results in file order, then in each file's order
 */
public record KernelResults(String kernel, List<String> sources, List<KernelResult> results) {

    /** The property naming the kernel's release in a JUnit file daxspec writes. */
    public static final String KERNEL_PROPERTY = "daxspec.kernel";

    public KernelResults {
        sources = List.copyOf(sources);
        results = List.copyOf(results);
    }

    /**
     * Reads the run at {@code path}: a JUnit file, or a directory of JUnit files ({@code *.xml})
     * and recorded transcripts ({@code *.out}, named by test).
     *
     * @throws IOException one line, {@code file:line: message}, for a file that is not JUnit XML,
     *     files naming two kernels, or a directory holding no JUnit file
     */
    public static KernelResults read(Path path) throws IOException {
        List<Path> junit = new ArrayList<>();
        Map<String, String> recorded = new HashMap<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.list(path)) {
                for (Path f : files.sorted().toList()) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".xml") && Files.isRegularFile(f)) {
                        junit.add(f);
                    } else if (name.endsWith(".out") && Files.isRegularFile(f)) {
                        recorded.put(name.substring(0, name.length() - 4), Files.readString(f));
                    }
                }
            }
            if (junit.isEmpty()) {
                throw new IOException(path + ": no JUnit file (*.xml) of daxspec run, conform or series here");
            }
        } else if (Files.isRegularFile(path)) {
            junit.add(path);
        } else {
            throw new IOException(path + ": no such file or directory");
        }
        String kernel = null;
        String kernelFrom = null;
        List<KernelResult> results = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (Path f : junit) {
            JUnitReader.Suite s = JUnitReader.read(f);
            sources.add(f.toString());
            if (s.kernel().isPresent()) {
                if (kernel != null && !kernel.equals(s.kernel().get())) {
                    throw new IOException(f + ": kernel " + s.kernel().get() + ", but " + kernelFrom + ": kernel "
                            + kernel + "; give each kernel's files a directory of their own");
                }
                kernel = s.kernel().get();
                kernelFrom = f.toString();
            }
            for (KernelResult r : s.results()) {
                Optional<String> out = Optional.ofNullable(recorded.get(r.test()));
                results.add(
                        out.isEmpty()
                                ? r
                                : new KernelResult(
                                        r.test(), r.verdict(), r.source(), r.message(), r.detail(), out, ""));
            }
        }
        if (kernel == null) {
            String name = path.toAbsolutePath().normalize().getFileName().toString();
            kernel = Files.isDirectory(path) ? name : name.replaceFirst("\\.xml$", "");
        }
        return new KernelResults(kernel, sources, results);
    }

    /** This run with another name: two runs of one kernel are told apart in the report. */
    KernelResults named(String name) {
        return new KernelResults(name, sources, results);
    }
}
