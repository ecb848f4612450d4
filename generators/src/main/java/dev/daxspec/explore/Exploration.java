package dev.daxspec.explore;

import dev.daxspec.junit.JUnitXml;
import dev.daxspec.oracle.explore.Exhaustive;
import dev.daxspec.oracle.explore.ProgramGenerator;
import dev.daxspec.oracle.kernel.Bug;
import dev.daxspec.oracle.kernel.KernelProfile;
import dev.daxspec.oracle.target.Target;
import dev.daxspec.run.KernelBuild;
import dev.daxspec.run.Vm;
import dev.daxspec.run.VmEvent;
import dev.daxspec.run.VmOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code daxspec explore}'s work, for the command line: opens a backend, runs a part of a
 * program source on it and on the oracle, and writes the findings, {@code report.txt} and
 * {@code explore.json}; and merges the outputs of several shards. Not thread-safe.
 */
public final class Exploration {

    /** Progress lines on stderr at most this often. */
    private static final long PROGRESS_NANOS = 5_000_000_000L;

    /**
     * What to explore.
     *
     * @param shard 1-based: programs {@code shard - 1}, {@code shard - 1 + shards}, ... of the source
     * @param programs how many programs over all shards, or 0 to run until {@code minutes}
     * @param minutes a time limit for this shard, or 0 for none
     * @param alone whether every program runs on a filesystem of its own ({@link Backend#run}),
     *     not, where it may, beside others ({@link Backend#screen})
     */
    public record Plan(
            List<Target> targets,
            long seed,
            int maxCommands,
            Optional<Exhaustive> exhaustive,
            String alphabet,
            long programs,
            double minutes,
            int shard,
            int shards,
            int shrinkBudget,
            boolean alone,
            Path out,
            Optional<Path> junit) {}

    private Exploration() {}

    /** Where programs run, as {@code --against} names it. */
    public static Backend backend(
            String against,
            Path imageDir,
            KernelBuild kernel,
            Optional<KernelProfile> profile,
            Consumer<VmEvent> vmProgress) {
        if (against.startsWith("variant:")) {
            return new VariantBackend(Bug.parse(against.substring("variant:".length())));
        }
        return switch (against) {
            case "host" -> {
                try {
                    yield HostBackend.open(imageDir, profile);
                } catch (HostBackend.HostUnavailable e) {
                    throw new IllegalArgumentException(e.getMessage());
                }
            }
            case "qemu" ->
                new QemuBackend(
                        kernel,
                        new Vm(kernel, VmOptions.defaults().withSnapshotCache(VmOptions.userSnapshotCache())),
                        vmProgress,
                        profile.orElse(KernelProfile.DEFAULT));
            default ->
                throw new IllegalArgumentException("unknown backend '" + against
                        + "' (known: host, qemu, variant:ID with ID one of "
                        + String.join(", ", Stream.of(Bug.values()).map(Bug::id).toList()) + ")");
        };
    }

    /**
     * Runs the plan on {@code backend}, writes its output and returns its summary.
     *
     * @param err progress lines: programs run, programs per minute, findings
     */
    public static Summary run(Plan plan, Backend backend, List<KnownVariant> known, PrintWriter err)
            throws IOException {
        prepare(plan.out());
        ProgramGenerator generator =
                new ProgramGenerator(plan.targets(), backend.vocabulary(), plan.maxCommands(), backend.reference());
        ProgramSource source = plan.exhaustive()
                .map(e -> ProgramSource.exhaustive(e, plan.alphabet()))
                .orElseGet(() -> ProgramSource.random(generator, plan.seed(), plan.maxCommands()));
        long started = System.nanoTime();
        long[] lastLine = {started};
        Explorer explorer = new Explorer(backend, known, plan.shrinkBudget(), plan.alone(), new Explorer.Listener() {
            @Override
            public void judged(Explorer.Tally t) {
                long now = System.nanoTime();
                if (now - lastLine[0] >= PROGRESS_NANOS) {
                    lastLine[0] = now;
                    progress(err, t, now - started, -1);
                }
            }

            @Override
            public void found(Finding f) {
                err.printf(
                        "explore: %s %s %s (program %d, shrunk from %d to %d commands)%n",
                        f.status(),
                        f.directory(),
                        f.signature(),
                        f.index(),
                        ProgramGenerator.commands(f.original()),
                        ProgramGenerator.commands(f.shrunk()));
                err.flush();
            }
        });
        long limit = plan.programs() > 0 ? Math.min(plan.programs(), source.count()) : source.count();
        long deadline = plan.minutes() > 0 ? started + (long) (plan.minutes() * 60e9) : Long.MAX_VALUE;
        List<Long> batch = new ArrayList<>();
        for (long i = plan.shard() - 1; i < limit && System.nanoTime() < deadline; i += plan.shards()) {
            batch.add(i);
            if (batch.size() == backend.batchSize()) {
                explorer.run(source, batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            explorer.run(source, batch);
        }
        progress(
                err,
                explorer.tally(),
                System.nanoTime() - started,
                explorer.findings().size());
        Path findings = plan.out().resolve("findings");
        List<Summary.Entry> entries = new ArrayList<>();
        for (Finding f : explorer.findings()) {
            entries.add(FindingFiles.write(findings, f, backend));
        }
        Explorer.Tally t = explorer.tally();
        List<String> about = new ArrayList<>();
        about.add(source.describe());
        about.add("shard " + plan.shard() + "/" + plan.shards()
                + (plan.programs() > 0 ? ", programs below " + limit : ", for " + plan.minutes() + " min"));
        List<String> troubles = new ArrayList<>(t.troubles);
        t.flakySignatures.forEach((sig, n) -> troubles.add(
                "flaky: " + sig + " (" + n + " program" + (n == 1 ? "" : "s") + " did not repeat their difference)"));
        if (t.sharedOnly > 0) {
            troubles.add(t.sharedOnly + " program" + (t.sharedOnly == 1 ? "" : "s")
                    + " differed beside others on one filesystem and agreed alone (docs/explore.md)");
        }
        Summary s = new Summary(
                backend.describe(),
                backend.release(),
                about,
                t.programs,
                t.agreed,
                t.differed,
                t.flaky,
                t.trouble,
                t.skipped,
                troubles,
                entries);
        finish(plan.out(), s, plan.junit());
        return s;
    }

    /**
     * Merges the outputs of several runs (shards) into {@code out}: their counts add up,
     * findings with the same signature become one (the one with the shortest program, its
     * program count the sum), renumbered in the order of the inputs.
     */
    public static Summary merge(List<Path> inputs, Path out, Optional<Path> junit) throws IOException {
        List<Summary> all = new ArrayList<>();
        for (Path in : inputs) {
            all.add(Summary.read(in));
        }
        prepare(out);
        List<Summary.Entry> merged = new ArrayList<>();
        List<Path> from = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            for (Summary.Entry e : all.get(k).findings()) {
                Path dir = inputs.get(k).resolve("findings").resolve(e.directory());
                int at = -1;
                for (int j = 0; j < merged.size(); j++) {
                    if (merged.get(j).signature().equals(e.signature())) {
                        at = j;
                    }
                }
                if (at < 0) {
                    merged.add(e);
                    from.add(dir);
                } else {
                    Summary.Entry kept = merged.get(at);
                    Summary.Entry shorter = e.commands() < kept.commands() ? e : kept;
                    if (shorter == e) {
                        from.set(at, dir);
                    }
                    merged.set(
                            at,
                            new Summary.Entry(
                                    kept.directory(),
                                    shorter.status(),
                                    shorter.signature(),
                                    shorter.known(),
                                    shorter.target(),
                                    shorter.seed(),
                                    kept.programs() + e.programs(),
                                    shorter.commands(),
                                    shorter.program(),
                                    shorter.diff()));
                }
            }
        }
        List<Summary.Entry> numbered = new ArrayList<>();
        for (int j = 0; j < merged.size(); j++) {
            Summary.Entry e = merged.get(j);
            String dir = String.format(Locale.ROOT, "%03d", j + 1);
            copyTree(from.get(j), out.resolve("findings").resolve(dir));
            numbered.add(new Summary.Entry(
                    dir,
                    e.status(),
                    e.signature(),
                    e.known(),
                    e.target(),
                    e.seed(),
                    e.programs(),
                    e.commands(),
                    e.program(),
                    e.diff()));
        }
        Summary first = all.get(0);
        List<String> about = new ArrayList<>();
        List<String> troubles = new ArrayList<>();
        long programs = 0;
        long agreed = 0;
        long differed = 0;
        long flaky = 0;
        long trouble = 0;
        long skipped = 0;
        for (Summary s : all) {
            if (!s.release().equals(first.release())) {
                throw new IllegalArgumentException(
                        "cannot merge runs of different kernels: " + first.release() + " and " + s.release());
            }
            s.source().stream().filter(l -> !about.contains(l)).forEach(about::add);
            s.troubles().stream().filter(l -> !troubles.contains(l)).forEach(troubles::add);
            programs += s.programs();
            agreed += s.agreed();
            differed += s.differed();
            flaky += s.flaky();
            trouble += s.trouble();
            skipped += s.skipped();
        }
        about.add("merged from " + inputs.size() + " run" + (inputs.size() == 1 ? "" : "s"));
        Summary s = new Summary(
                first.backend(),
                first.release(),
                about,
                programs,
                agreed,
                differed,
                flaky,
                trouble,
                skipped,
                troubles,
                numbered);
        finish(out, s, junit);
        return s;
    }

    private static void finish(Path out, Summary s, Optional<Path> junit) throws IOException {
        s.write(out);
        Files.writeString(out.resolve("report.txt"), s.report());
        if (junit.isPresent()) {
            JUnitXml x = new JUnitXml("daxspec.explore");
            for (Summary.Entry e : s.findings()) {
                String detail = String.join("\n", e.program()) + "\n" + String.join("\n", e.diff());
                if (e.status().equals("NEW")) {
                    x.fail(
                            "explore." + e.directory(),
                            e.signature(),
                            0,
                            "kernel-differs",
                            "the kernel differs from the oracle",
                            detail,
                            "");
                } else {
                    x.pass(
                            "explore." + e.directory(),
                            e.signature(),
                            0,
                            "KNOWN-DEVIATION: " + e.known() + "\n" + detail);
                }
            }
            x.pass("explore", s.agreed() + " of " + s.programs() + " programs agree", 0, "");
            x.write(junit.get());
        }
    }

    /**
     * Makes {@code out} ready: a new directory, or the output of an earlier exploration, whose
     * findings are replaced. Anything else is refused, so nothing of the user's is deleted.
     */
    private static void prepare(Path out) throws IOException {
        if (Files.exists(out)) {
            if (!Files.isDirectory(out)) {
                throw new IllegalArgumentException("--out " + out + " is a file, not a directory");
            }
            boolean empty;
            try (Stream<Path> s = Files.list(out)) {
                empty = s.findAny().isEmpty();
            }
            if (!empty && !Files.exists(out.resolve(Summary.FILE))) {
                throw new IllegalArgumentException(
                        "--out " + out + " is not empty and holds no earlier exploration;" + " name a new directory");
            }
            deleteTree(out.resolve("findings"));
        }
        try {
            Files.createDirectories(out);
            Path probe = Files.createTempFile(out, ".write", "");
            Files.delete(probe);
        } catch (IOException e) {
            throw new IllegalArgumentException("--out " + out + " cannot be written: " + e.getMessage());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void progress(PrintWriter err, Explorer.Tally t, long nanos, int findings) {
        double minutes = nanos / 60e9;
        err.printf(
                Locale.ROOT,
                "explore: %d programs (%.0f/min), %d agree, %d differ%s, %d flaky, %d trouble%n",
                t.programs,
                minutes > 0 ? t.programs / minutes : 0.0,
                t.agreed,
                t.differed,
                findings >= 0 ? ": " + findings + " finding" + (findings == 1 ? "" : "s") : "",
                t.flaky,
                t.trouble);
        err.flush();
    }
}
