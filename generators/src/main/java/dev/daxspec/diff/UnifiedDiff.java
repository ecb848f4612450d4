package dev.daxspec.diff;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/** Unified diffs of two texts, with JGit's histogram diff. Stateless and thread-safe. */
public final class UnifiedDiff {

    private UnifiedDiff() {}

    /**
     * A {@code diff -u} of {@code a} and {@code b} with three lines of context, headed
     * {@code --- aName} and {@code +++ bName}; empty when they are equal.
     */
    public static String of(String aName, String a, String bName, String b) {
        if (a.equals(b)) {
            return "";
        }
        RawText ra = new RawText(a.getBytes(StandardCharsets.UTF_8));
        RawText rb = new RawText(b.getBytes(StandardCharsets.UTF_8));
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, ra, rb);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter f = new DiffFormatter(out)) {
            f.setContext(3);
            f.format(edits, ra, rb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "--- " + aName + "\n+++ " + bName + "\n" + out.toString(StandardCharsets.UTF_8);
    }
}
