package dev.daxspec.series.bench;

import dev.daxspec.series.Series;
import dev.daxspec.series.impact.GuardedScenario;
import dev.daxspec.series.impact.Impact;
import dev.daxspec.series.impact.ImpactReport;
import dev.daxspec.series.impact.TouchRules;
import dev.daxspec.series.review.SeriesSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * How long the impact analysis takes on a range of many commits: not a unit
 * test, a program. It generates a git repository (JGit, deterministic: fixed
 * seed, identities and times) of C files with kernel-like functions, then
 * {@code N} commits on top of a tag {@code base} that each change one to
 * three functions in one or two files, sometimes a {@code #define}, add a
 * function or rename a file. It then times, several times over,
 * {@link SeriesSource#fromRange} on {@code base..HEAD},
 * {@link Impact#analyse} against generated scenarios and the real
 * {@code features/touches.rules}, and rendering text and JSON.
 *
 * <pre>
 * java ... dev.daxspec.series.bench.SeriesBenchmark [--commits 1000] [--runs 5] [--dir PATH]
 * </pre>
 * See docs/series.md for the command line with the class path.
 */
public final class SeriesBenchmark {

    private static final String[] DIRS = {
        "fs", "fs/ext4", "fs/xfs", "mm", "drivers/block", "drivers/nvdimm", "fs/iomap", "include/linux"
    };

    private SeriesBenchmark() {}

    public static void main(String[] args) throws Exception {
        int commits = 1000;
        int runs = 5;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--commits" -> commits = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        boolean temp = dir == null;
        if (temp) {
            dir = Files.createTempDirectory("daxspec-series-bench");
        }
        Path rulesFile = findRules();
        try {
            long g0 = System.nanoTime();
            Generated gen = generate(dir, commits);
            long g1 = System.nanoTime();
            System.out.printf(
                    "generated %d commits over %d C files (%d functions) in %d ms: %s%n",
                    commits, gen.files, gen.functions, (g1 - g0) / 1_000_000, dir);
            TouchRules rules = TouchRules.parse(rulesFile);
            List<GuardedScenario> scenarios = gen.scenarios;
            long[] read = new long[runs];
            long[] match = new long[runs];
            long[] render = new long[runs];
            long[] total = new long[runs];
            int selected = 0;
            for (int run = -1; run < runs; run++) { // run -1 warms the JIT up
                long t0 = System.nanoTime();
                Series s = SeriesSource.fromRange(dir, "base..HEAD");
                long t1 = System.nanoTime();
                ImpactReport r = Impact.analyse(s, scenarios, rules);
                long t2 = System.nanoTime();
                int bytes = r.toText().length() + r.toJson().length();
                long t3 = System.nanoTime();
                if (s.commits().size() != commits) {
                    throw new IllegalStateException("read " + s.commits().size() + " commits");
                }
                selected = r.summary().scenarios();
                if (run >= 0) {
                    read[run] = t1 - t0;
                    match[run] = t2 - t1;
                    render[run] = t3 - t2;
                    total[run] = t3 - t0;
                    System.out.printf(
                            "run %d: %d ms (read range %d ms, match %d ms, render %d ms, %d bytes)%n",
                            run + 1, ms(total[run]), ms(read[run]), ms(match[run]), ms(render[run]), bytes);
                }
            }
            long median = median(total);
            System.out.printf(
                    "%d commits, %d scenarios (%d selected), %d rules: median %d ms "
                            + "(read %d, match %d, render %d), %.0f commits/s%n",
                    commits,
                    scenarios.size(),
                    selected,
                    rules.rules().size(),
                    ms(median),
                    ms(median(read)),
                    ms(median(match)),
                    ms(median(render)),
                    commits / (median / 1e9));
        } finally {
            if (temp) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static long median(long[] xs) {
        long[] c = xs.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    private static Path findRules() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("features/touches.rules"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("run from inside the daxspec checkout");
        }
        return p.resolve("features/touches.rules");
    }

    private record Generated(int files, int functions, List<GuardedScenario> scenarios) {}

    /** One C file of the generated tree: its functions' bodies and its top-level defines. */
    private static final class CFile {
        String path;
        final List<String> defines = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        final List<List<String>> bodies = new ArrayList<>();

        String text() {
            StringBuilder b = new StringBuilder("// SPDX-License-Identifier: GPL-2.0\n");
            b.append("/* generated for the series benchmark */\n#include <linux/fs.h>\n\n");
            for (String d : defines) {
                b.append(d).append('\n');
            }
            for (int i = 0; i < names.size(); i++) {
                b.append("\n/*\n * ").append(names.get(i)).append(" - a generated function\n */\n");
                b.append(i % 3 == 0 ? "static inline int\n" : "static int ")
                        .append(names.get(i))
                        .append("(struct inode *inode,\n\t\tloff_t pos)\n{\n");
                for (String l : bodies.get(i)) {
                    b.append(l).append('\n');
                }
                b.append("}\n");
                if (i % 5 == 0) {
                    b.append("EXPORT_SYMBOL_GPL(").append(names.get(i)).append(");\n");
                }
            }
            return b.toString();
        }
    }

    private static Generated generate(Path dir, int commits) throws IOException {
        Random rnd = new Random(20071204L);
        List<CFile> files = new ArrayList<>();
        int fileCount = 32;
        int functions = 0;
        for (int f = 0; f < fileCount; f++) {
            CFile c = new CFile();
            c.path = DIRS[f % DIRS.length] + "/gen" + f + (f % 8 == 7 ? ".h" : ".c");
            for (int d = 0; d < 6; d++) {
                c.defines.add("#define GEN" + f + "_FLAG" + d + "\t(1UL << " + d + ")");
            }
            for (int k = 0; k < 40; k++) {
                c.names.add("gen" + f + "_fn" + k);
                c.bodies.add(body(rnd, 8 + rnd.nextInt(16)));
                functions++;
            }
            files.add(c);
        }
        try (Repository repo = FileRepositoryBuilder.create(dir.resolve(".git").toFile())) {
            repo.create();
            ObjectId parent = commit(repo, files, null, "base: generated tree", 0);
            RefUpdate tag = repo.updateRef(Constants.R_TAGS + "base");
            tag.setNewObjectId(parent);
            tag.forceUpdate();
            List<ObjectId> ids = new ArrayList<>();
            for (int i = 1; i <= commits; i++) {
                StringBuilder subject = new StringBuilder();
                int touchFiles = 1 + rnd.nextInt(2);
                for (int t = 0; t < touchFiles; t++) {
                    CFile c = files.get(rnd.nextInt(files.size()));
                    int r = rnd.nextInt(100);
                    if (r < 3) {
                        int d = rnd.nextInt(c.defines.size());
                        c.defines.set(d, c.defines.get(d).replace(")", " | 0x" + i + ")"));
                        subject.append("tweak a flag in ").append(c.path).append(' ');
                    } else if (r < 8) {
                        String name = "gen_new" + i + "_" + t;
                        int at = rnd.nextInt(c.names.size() + 1);
                        c.names.add(at, name);
                        c.bodies.add(at, body(rnd, 6 + rnd.nextInt(8)));
                        subject.append("add ").append(name).append(' ');
                    } else if (r < 9) {
                        c.path = c.path.replace("gen", "moved" + i + "_gen");
                        subject.append("move to ").append(c.path).append(' ');
                    } else {
                        int changes = 1 + rnd.nextInt(3);
                        for (int k = 0; k < changes; k++) {
                            int fn = rnd.nextInt(c.names.size());
                            List<String> b = c.bodies.get(fn);
                            b.set(rnd.nextInt(b.size()), "\tret = step(inode, pos, " + i + ");");
                            subject.append("fix ").append(c.names.get(fn)).append(' ');
                        }
                    }
                }
                StringBuilder msg = new StringBuilder(subject.toString().strip()).append("\n\n");
                msg.append("Generated change ").append(i).append(".\n\n");
                if (i > 10 && rnd.nextInt(10) == 0) {
                    ObjectId fixed = ids.get(rnd.nextInt(ids.size()));
                    msg.append("Fixes: ").append(fixed.abbreviate(12).name()).append(" (\"an earlier change\")\n");
                }
                msg.append("Signed-off-by: Bench Author <bench@example.org>\n");
                parent = commit(repo, files, parent, msg.toString(), i);
                ids.add(parent);
            }
            RefUpdate head = repo.updateRef(Constants.R_HEADS + "master");
            head.setNewObjectId(parent);
            head.forceUpdate();
        }
        return new Generated(fileCount, functions, scenarios(rnd, files));
    }

    private static List<String> body(Random rnd, int lines) {
        List<String> b = new ArrayList<>();
        b.add("\tint ret = 0;");
        b.add("");
        for (int l = 0; l < lines; l++) {
            if (l % 6 == 5) {
                b.add("\tif (pos > " + rnd.nextInt(4096) + ") {");
                b.add("\t\tret = -EINVAL;");
                b.add("\t\tgoto out;");
                b.add("\t}");
            } else {
                b.add("\tret += work(inode, " + rnd.nextInt(1000) + ");");
            }
        }
        b.add("out:");
        b.add("\treturn ret;");
        return b;
    }

    private static ObjectId commit(Repository repo, List<CFile> files, ObjectId parent, String msg, int i)
            throws IOException {
        try (ObjectInserter ins = repo.newObjectInserter()) {
            DirCache dc = DirCache.newInCore();
            DirCacheBuilder b = dc.builder();
            Map<String, byte[]> sorted = new TreeMap<>();
            for (CFile f : files) {
                sorted.put(f.path, f.text().getBytes(StandardCharsets.UTF_8));
            }
            for (Map.Entry<String, byte[]> e : sorted.entrySet()) {
                DirCacheEntry de = new DirCacheEntry(e.getKey());
                de.setFileMode(FileMode.REGULAR_FILE);
                de.setObjectId(ins.insert(Constants.OBJ_BLOB, e.getValue()));
                b.add(de);
            }
            b.finish();
            CommitBuilder c = new CommitBuilder();
            c.setTreeId(dc.writeTree(ins));
            if (parent != null) {
                c.setParentId(parent);
            }
            PersonIdent who = new PersonIdent(
                    "Bench Author",
                    "bench@example.org",
                    Instant.ofEpochSecond(1_600_000_000L + 60L * i),
                    ZoneOffset.UTC);
            c.setAuthor(who);
            c.setCommitter(who);
            c.setMessage(msg);
            ObjectId id = ins.insert(c);
            ins.flush();
            return id;
        }
    }

    /** 300 scenarios guarding random functions, files and directories of the base tree. */
    private static List<GuardedScenario> scenarios(Random rnd, List<CFile> files) {
        List<GuardedScenario> out = new ArrayList<>();
        for (int s = 0; s < 300; s++) {
            CFile f = files.get(rnd.nextInt(files.size()));
            List<String> tags = new ArrayList<>();
            int kind = rnd.nextInt(10);
            if (kind < 7) {
                tags.add("@touches:" + f.path + ":" + f.names.get(rnd.nextInt(f.names.size())));
                tags.add("@touches:" + f.path + ":" + f.names.get(rnd.nextInt(f.names.size())));
            } else if (kind < 9) {
                tags.add("@touches:" + f.path);
            } else {
                tags.add("@touches:" + f.path.substring(0, f.path.lastIndexOf('/') + 1));
            }
            tags.add("@touches:fs/dax.c:dax_iomap_rw");
            String feature = "bench/f" + (s / 10) + ".feature";
            out.add(new GuardedScenario(
                    feature + ":" + (s % 10 * 12 + 3),
                    feature,
                    "scenario " + s,
                    s % 10 * 12 + 3,
                    tags,
                    Set.of("variant-" + rnd.nextInt(40))));
        }
        return out;
    }
}
