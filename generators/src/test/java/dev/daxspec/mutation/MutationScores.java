package dev.daxspec.mutation;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The table {@code mvn -Pmutation} ends with: per package of the oracle, PIT's mutants,
 * those listed as equivalent, and the share of the others that the features alone and all
 * tests kill, against the goal for the packages that hold rules (80% by the features, 95%
 * by all tests). Then every mutant the features leave alive that is not listed as
 * equivalent, and every list entry that is wrong: one naming no mutant (the code moved), or
 * one naming a mutant a test kills (so not equivalent). docs/mutation.md explains the run.
 *
 * <p>{@code MutationScores FEATURES_XML UNITS_XML EQUIVALENTS}: the mutations.xml of PIT's
 * run with the features and of its run with the oracle's unit tests; a mutant either
 * kills is killed by all tests ({@link Mutant#union}). Exit 0 when the goal is met and the
 * list is right, 1 otherwise, 2 for unreadable input.
 */
public final class MutationScores {

    /** The packages that hold rules, and the goal there: {@value #FEATURES_GOAL}% and {@value #ALL_GOAL}%. */
    static final Set<String> RULE_PACKAGES = Set.of(
            "dev.daxspec.oracle.fs",
            "dev.daxspec.oracle.mm",
            "dev.daxspec.oracle.storage",
            "dev.daxspec.oracle.target");

    static final int FEATURES_GOAL = 80;
    static final int ALL_GOAL = 95;

    private MutationScores() {}

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: MutationScores FEATURES_MUTATIONS_XML UNITS_MUTATIONS_XML EQUIVALENTS_TXT");
            System.exit(2);
        }
        try {
            List<Mutant> features = Mutant.read(Path.of(args[0]));
            System.exit(
                    report(
                                    features,
                                    Mutant.union(features, Mutant.read(Path.of(args[1]))),
                                    Equivalents.read(Path.of(args[2])),
                                    System.out)
                            ? 0
                            : 1);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    /**
     * Prints the table and the lists to {@code out}.
     *
     * @return whether every rule package meets the goal and every equivalent entry names a
     *     mutant no test kills
     */
    static boolean report(List<Mutant> features, List<Mutant> all, Equivalents equivalents, PrintStream out) {
        Map<String, List<Mutant>> byPackage =
                new TreeMap<>(features.stream().collect(Collectors.groupingBy(Mutant::pkg)));
        Map<String, List<Mutant>> allByPackage = all.stream().collect(Collectors.groupingBy(Mutant::pkg));
        boolean met = true;
        out.printf(
                "%-28s %7s %10s  %-20s %-20s%n",
                "package", "mutants", "equivalent", "killed by features", "killed by all tests");
        for (Map.Entry<String, List<Mutant>> e : byPackage.entrySet()) {
            String pkg = e.getKey();
            boolean rules = RULE_PACKAGES.contains(pkg);
            Score f = Score.of(e.getValue(), equivalents);
            Score a = Score.of(allByPackage.getOrDefault(pkg, List.of()), equivalents);
            boolean ok = !rules || (f.percent() >= FEATURES_GOAL && a.percent() >= ALL_GOAL);
            met &= ok;
            out.printf(
                    "%-28s %7d %10d  %-20s %-20s%s%n",
                    pkg,
                    e.getValue().size(),
                    f.equivalent(),
                    f,
                    a,
                    rules ? (ok ? "  goal met" : "  BELOW GOAL (" + FEATURES_GOAL + "%, " + ALL_GOAL + "%)") : "");
        }
        List<Mutant> alive = features.stream()
                .filter(m -> !m.detected() && !equivalents.contains(m))
                .filter(m -> RULE_PACKAGES.contains(m.pkg()))
                .toList();
        out.printf("%nLeft alive by the features in the rule packages, not listed as equivalent: %d%n", alive.size());
        alive.forEach(m -> out.println("  " + m.location() + " | " + m.description() + " | " + m.status()));
        List<String> wrong = new ArrayList<>();
        equivalents.stale(features).forEach(en -> wrong.add(en + ": names no mutant (the code moved or changed)"));
        equivalents
                .killed(all.stream().filter(Mutant::detected).toList())
                .forEach(en -> wrong.add(en + ": a test kills it, so it is not equivalent"));
        if (!wrong.isEmpty()) {
            out.printf("%nWrong entries in the list of equivalent mutants: %d%n", wrong.size());
            wrong.forEach(w -> out.println("  " + w));
        }
        return met && wrong.isEmpty();
    }

    /** Killed among the mutants not listed as equivalent. */
    record Score(int killed, int counted, int equivalent) {

        static Score of(List<Mutant> mutants, Equivalents equivalents) {
            List<Mutant> counted =
                    mutants.stream().filter(m -> !equivalents.contains(m)).toList();
            return new Score(
                    (int) counted.stream().filter(Mutant::detected).count(),
                    counted.size(),
                    mutants.size() - counted.size());
        }

        double percent() {
            return counted == 0 ? 100 : 100.0 * killed / counted;
        }

        @Override
        public String toString() {
            return String.format("%d/%d %5.1f%%", killed, counted, percent());
        }
    }
}
