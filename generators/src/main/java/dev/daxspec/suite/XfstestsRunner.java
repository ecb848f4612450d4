package dev.daxspec.suite;

import dev.daxspec.emit.Format;
import dev.daxspec.emit.ShellQuote;
import dev.daxspec.emit.Suite;
import dev.daxspec.emit.Verdict;
import dev.daxspec.run.GuestJob;
import dev.daxspec.run.GuestPhaseResult;
import dev.daxspec.run.GuestResult;
import dev.daxspec.run.RunResult;
import dev.daxspec.run.Vm;
import dev.daxspec.run.VmEvent;
import dev.daxspec.suite.SuiteRunner.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;

/**
 * Runs an xfstests suite under xfstests' own {@code ./check} on a real kernel in the {@link
 * Vm}: the payload is a built checkout with the suite's tests in it ({@link XfstestsPayload}),
 * the VM's image carries what {@code ./check} runs ({@link dev.daxspec.run.GuestTools#XFSTESTS}),
 * and each test is one guest job per {@link XfstestsSection section} it runs in:
 *
 * <pre>
 * mkfs.FSTYP TEST_DEV
 * cd /payload &amp;&amp; HOST_OPTIONS=daxspec-sections/SECTION.config ./check -s SECTION -R xunit generic/750
 * </pre>
 *
 * <p>{@code ./check}'s verdict in its xunit report is the test's: PASS, NOTRUN with the
 * {@code .notrun} reason, FAIL with the message and the {@code .out.bad} diff (and the kernel
 * log {@code _check_dmesg} found). A failure whose {@code .out.bad} is exactly a known
 * deviation's output for the section's filesystem ({@link Suite.Deviation}) is
 * KNOWN-DEVIATION, with its reason. A kernel error fails the test as in the shell suite; a
 * timeout or a lost VM, twice, and a {@code ./check} that wrote no report for the test, are
 * INFRA. Not thread-safe; one run at a time.
 */
public final class XfstestsRunner {

    /** The line after which a job prints {@code result.xml}. */
    static final String REPORT_MARKER = "DAXSPEC XUNIT REPORT";

    /** The line after which a job prints the test's {@code .out.bad}, after the report. */
    static final String OUT_BAD_MARKER = "DAXSPEC OUT.BAD";

    /**
     * A known deviation's output and reason, read from the suite.
     *
     * @param output what {@code ./check} writes as {@code .out.bad} on a kernel with it
     * @param reason one line, for the verdict's detail
     */
    record Known(String output, String reason) {}

    /**
     * What one test did in one section.
     *
     * @param outcome its verdict; the output of a FAIL is the diff, of any other ./check's own
     */
    public record SectionOutcome(XfstestsSection section, Outcome outcome) {
        /** {@code ext4-pmem generic/750}. */
        public String name() {
            return section.name() + " " + XfstestsRunner.name(outcome.test());
        }
    }

    private final Vm vm;

    /** @param vm a VM whose options carry {@link dev.daxspec.run.GuestTools#XFSTESTS} */
    public XfstestsRunner(Vm vm) {
        this.vm = vm;
    }

    /**
     * The jobs' count: each test of {@code suite} in each of {@code sections} it runs in (a
     * {@code tests/xfs} test not in an ext4 section, a test predicted on pmem not in a brd one).
     */
    public static long jobs(Suite suite, List<XfstestsSection> sections) {
        return sections.stream()
                .mapToLong(s -> suite.tests().stream().filter(s::runs).count())
                .sum();
    }

    /**
     * Runs the tests of the xfstests suite {@code suite} (read from {@code suiteDir}) in the
     * built checkout {@code checkout}, in each of {@code sections}, telling {@code onOutcome} of
     * each as it finishes.
     *
     * @throws IOException when the suite is not an xfstests suite, the checkout is not built, or
     *     the payload cannot be written; the message says which
     */
    public RunResult run(
            Path checkout,
            Path suiteDir,
            Suite suite,
            List<XfstestsSection> sections,
            Consumer<VmEvent> progress,
            Consumer<SectionOutcome> onOutcome)
            throws IOException {
        if (suite.format() != Format.XFSTESTS) {
            throw new IOException(suiteDir + " is a " + suite.format().label() + " suite, not an xfstests one");
        }
        Path payload = Files.createTempDirectory("daxspec-xfstests");
        try {
            XfstestsPayload.write(checkout, suiteDir, suite, sections, payload);
            List<GuestJob> jobs = new ArrayList<>();
            Map<String, SectionOutcome> byJob = new HashMap<>();
            Map<String, List<Known>> known = new HashMap<>();
            for (XfstestsSection s : sections) {
                for (Suite.Test t : suite.tests()) {
                    if (s.runs(t)) {
                        String id = s.name() + " " + name(t);
                        byJob.put(id, new SectionOutcome(s, new Outcome(t, Verdict.INFRA, "", "", 0)));
                        List<Known> k = new ArrayList<>();
                        for (Suite.Deviation d : suite.deviations(t, s.fs())) {
                            k.add(new Known(
                                    Files.readString(suiteDir.resolve(d.file()), StandardCharsets.UTF_8), d.reason()));
                        }
                        known.put(id, k);
                        jobs.add(new GuestJob(id, List.of(command(s, t))));
                    }
                }
            }
            Map<String, Instant> started = new HashMap<>();
            return vm.run(jobs, Optional.of(payload), event -> {
                progress.accept(event);
                if (event instanceof VmEvent.PhaseStarted st) {
                    started.putIfAbsent(st.id(), Instant.now());
                } else if (event instanceof VmEvent.JobFinished f) {
                    SectionOutcome job = byJob.get(f.result().id());
                    double secs =
                            Duration.between(started.getOrDefault(f.result().id(), Instant.now()), Instant.now())
                                            .toMillis()
                                    / 1000.0;
                    onOutcome.accept(new SectionOutcome(
                            job.section(),
                            judge(
                                    job.outcome().test(),
                                    f.result(),
                                    secs,
                                    known.get(f.result().id()))));
                }
            });
        } finally {
            PathUtils.deleteDirectory(payload);
        }
    }

    /** A test's name as {@code ./check} takes it: {@code generic/750} for {@code tests/generic/750}. */
    static String name(Suite.Test t) {
        return t.path().replaceFirst("^tests/", "");
    }

    /** The guest's script for {@code t} in {@code s}. */
    static String command(XfstestsSection s, Suite.Test t) {
        String results = XfstestsPayload.RESULT_BASE + "/" + s.name();
        return "export PATH=/opt/xfstests/bin:/bin\n"
                + "mkdir -p " + XfstestsSection.TEST_DIR + " " + SuiteRunner.SCRATCH_MNT + "\n"
                // ./check leaves TEST_DEV mounted when it ends, and the next job's section may
                // have that device as SCRATCH_DEV: ./check would refuse it ("mounted but not on
                // SCRATCH_MNT").
                + "umount " + XfstestsSection.TEST_DIR + " " + SuiteRunner.SCRATCH_MNT + " 2>/dev/null\n"
                + "rm -rf " + XfstestsPayload.RESULT_BASE + "\n"
                + s.mkfsTestDev() + " || exit 1\n"
                + "cd /payload || exit 1\n"
                + "HOST_OPTIONS=/payload/" + XfstestsPayload.config(s) + " ./check -s " + s.name() + " -R xunit "
                + ShellQuote.single(name(t)) + "\n"
                + "echo \"check exited $?\"\n"
                + "echo '" + REPORT_MARKER + "'\n"
                + "cat " + results + "/result.xml 2>/dev/null\n"
                + "echo '" + OUT_BAD_MARKER + "'\n"
                + "cat " + ShellQuote.single(results + "/" + name(t) + ".out.bad") + " 2>/dev/null\n";
    }

    /** The verdict of {@code t} from its job's result, {@code known} its known deviations in the job's section. */
    static Outcome judge(Suite.Test t, GuestResult r, double seconds, List<Known> known) {
        if (r.outcome() != GuestResult.Outcome.COMPLETED || r.phases().isEmpty()) {
            String out =
                    r.phases().isEmpty() ? "" : checkOutput(r.phases().get(0).output());
            Verdict v = r.outcome() == GuestResult.Outcome.KERNEL_ERROR ? Verdict.FAIL : Verdict.INFRA;
            return new Outcome(t, v, out, r.outcome() + (r.detail().isEmpty() ? "" : ": " + r.detail()), seconds);
        }
        GuestPhaseResult p = r.phases().get(0);
        String check = checkOutput(p.output());
        String xml = report(p.output());
        if (xml.isBlank()) {
            return new Outcome(t, Verdict.INFRA, check, "./check wrote no xunit report", seconds);
        }
        List<XunitReport.TestCase> cases;
        try {
            cases = XunitReport.parse(xml);
        } catch (IllegalArgumentException e) {
            return new Outcome(t, Verdict.INFRA, check, "result.xml: " + e.getMessage(), seconds);
        }
        Optional<XunitReport.TestCase> mine =
                cases.stream().filter(c -> c.name().equals(name(t))).findFirst();
        if (mine.isEmpty()) {
            return new Outcome(t, Verdict.INFRA, check, "./check's report has no " + name(t), seconds);
        }
        XunitReport.TestCase c = mine.get();
        String log = r.kernelLogReport();
        return switch (c.status()) {
            case PASS -> new Outcome(t, Verdict.PASS, check, "", seconds);
            case NOTRUN -> new Outcome(t, Verdict.NOTRUN, check, c.message(), seconds);
            case FAIL -> {
                String bad = outBad(p.output());
                Optional<Known> deviation =
                        known.stream().filter(k -> k.output().equals(bad)).findFirst();
                yield deviation.isPresent()
                        ? new Outcome(
                                t,
                                Verdict.KNOWN_DEVIATION,
                                c.diff(),
                                deviation.get().reason(),
                                seconds)
                        : new Outcome(
                                t,
                                Verdict.FAIL,
                                c.diff().isEmpty() ? check : c.diff(),
                                Stream.of(c.message(), c.kernelLog(), log)
                                        .filter(x -> !x.isBlank())
                                        .reduce((a, b) -> a + "\n" + b)
                                        .orElse("./check failed it"),
                                seconds);
            }
        };
    }

    /** What {@code ./check} printed: the job's output before the report. */
    static String checkOutput(String output) {
        int at = output.indexOf(REPORT_MARKER + "\n");
        return at < 0 ? output : output.substring(0, at);
    }

    /** The report the job printed after {@link #REPORT_MARKER}; empty when there is none. */
    static String report(String output) {
        int at = output.indexOf(REPORT_MARKER + "\n");
        if (at < 0) {
            return "";
        }
        String rest = output.substring(at + REPORT_MARKER.length() + 1);
        int bad = rest.indexOf(OUT_BAD_MARKER + "\n");
        return bad < 0 ? rest : rest.substring(0, bad);
    }

    /** The {@code .out.bad} the job printed after {@link #OUT_BAD_MARKER}; empty when there is none. */
    static String outBad(String output) {
        int at = output.indexOf(OUT_BAD_MARKER + "\n");
        return at < 0 ? "" : output.substring(at + OUT_BAD_MARKER.length() + 1);
    }
}
