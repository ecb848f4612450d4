package dev.daxspec.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * How long each page of the report takes to load in headless Chromium: not a unit test, a
 * program. It writes the report of the bundled features with three kernel runs and an
 * exploration ({@link Inputs}), loads every page {@code --runs} times from {@code file://}
 * in one browser, and prints per page its size, the median and the slowest of the page's
 * own {@code loadEventEnd} (Navigation Timing: from the start of the navigation to the end
 * of the load event, parsing, style and layout included), and the whole report's size.
 *
 * <pre>
 * java ... dev.daxspec.report.ReportBenchmark [--runs 5] [--dir PATH]
 * </pre>
 * See docs/report.md for the command line with the class path.
 */
public final class ReportBenchmark {

    private ReportBenchmark() {}

    public static void main(String[] args) throws IOException {
        int runs = 5;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: ReportBenchmark [--runs N] [--dir PATH]");
                    System.exit(2);
                }
            }
        }
        Path exe = Chromium.find().orElseThrow(() -> new IllegalStateException("no chromium on the PATH"));
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("daxspec-report-bench");
        List<KernelResults> kernels = new ArrayList<>();
        for (Path p : Inputs.threeRuns(work.resolve("runs"))) {
            kernels.add(KernelResults.read(p));
        }
        Explored explored = Explored.read(Inputs.exploration(work.resolve("explore")));
        Report report = new Report(Inputs.check(), Inputs.known(), kernels, List.of(explored));
        Path site = work.resolve("site");
        report.write(site);
        List<Path> pages;
        long total = 0;
        try (Stream<Path> s = Files.walk(site)) {
            List<Path> all = s.filter(Files::isRegularFile).sorted().toList();
            for (Path p : all) {
                total += Files.size(p);
            }
            pages = all.stream().filter(p -> p.toString().endsWith(".html")).toList();
        }
        System.out.printf(
                Locale.ROOT,
                "report: %d features, %d scenarios, 3 kernel runs, 1 exploration: %d files," + " %.2f MB in %s%n",
                report.features().size(),
                report.check().scenarios().size(),
                report.files().size(),
                total / 1e6,
                site);
        System.out.printf(Locale.ROOT, "%-45s %9s %10s %10s%n", "page", "KB", "median ms", "max ms");
        double worst = 0;
        try (Chromium c = Chromium.start(exe, work.resolve("profile"), 1280, 900)) {
            c.load("about:blank");
            for (Path p : pages) {
                double[] ms = new double[runs];
                for (int i = 0; i < runs; i++) {
                    c.load("about:blank");
                    ms[i] = c.load(p.toUri().toString());
                }
                Arrays.sort(ms);
                worst = Math.max(worst, ms[runs - 1]);
                System.out.printf(
                        Locale.ROOT,
                        "%-45s %9.1f %10.1f %10.1f%n",
                        site.relativize(p),
                        Files.size(p) / 1e3,
                        ms[runs / 2],
                        ms[runs - 1]);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "slowest load of any page: %.1f ms (%d loads each, load %s)%n",
                worst,
                runs,
                String.format(Locale.ROOT, "%.2f", loadAverage()));
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
