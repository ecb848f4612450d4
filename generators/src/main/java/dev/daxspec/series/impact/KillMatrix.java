package dev.daxspec.series.impact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.daxspec.files.AtomicFile;
import dev.daxspec.oracle.kernel.Bug;
import dev.daxspec.series.SeriesException;
import dev.daxspec.series.SeriesException.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The kill matrix: which kernel variants each scenario kills, as {@code daxspec check}
 * finds by running the scenario on the oracle's correct kernel and on each variant.
 *
 * <p>The file is one JSON object, a key per scenario id (see {@link dev.daxspec.spec.CompiledScenario#id()}),
 * its value the variants that scenario kills ({@link Bug#id()} names), in any order:
 *
 * <pre>
 * {
 *   "mmap-eof_sigbus-23": ["dax-fault-eof-rounding"],
 *   "mmap-eof_sigbus-24": []
 * }
 * </pre>
 *
 * A file that lacks a scenario of the features is partial (written by a check of some of
 * them) and {@code daxspec series} refuses it (see {@link #missingIds}). Every variant must be one the oracle
 * has, so a file written before a variant was renamed is refused, not half-read.
 */
public final class KillMatrix {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private KillMatrix() {}

    /**
     * Reads a kill matrix file.
     *
     * @param file the JSON file
     * @return the variants by scenario id, both sorted; unmodifiable
     * @throws SeriesException naming the file: {@link Problem#UNREADABLE} when it cannot be
     *     read, {@link Problem#BAD_KILL_MATRIX} when it is not the format above or names an
     *     unknown variant
     */
    public static Map<String, SortedSet<String>> read(Path file) throws SeriesException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new SeriesException(
                    Problem.UNREADABLE, "cannot read the kill matrix " + file + ": " + e.getMessage(), e);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SeriesException(
                    Problem.BAD_KILL_MATRIX,
                    file + ":" + e.getLocation().getLineNr() + ": not JSON: " + e.getOriginalMessage(),
                    e);
        }
        if (root == null || !root.isObject()) {
            throw new SeriesException(
                    Problem.BAD_KILL_MATRIX,
                    file + ": a kill matrix is a JSON object" + " {\"scenario-id\": [\"variant\", ...]}");
        }
        Map<String, SortedSet<String>> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isArray()) {
                throw new SeriesException(
                        Problem.BAD_KILL_MATRIX,
                        file + ": scenario " + e.getKey() + ": the value must be a list of variant names");
            }
            SortedSet<String> variants = new TreeSet<>();
            for (JsonNode v : e.getValue()) {
                if (!v.isTextual()) {
                    throw new SeriesException(
                            Problem.BAD_KILL_MATRIX,
                            file + ": scenario " + e.getKey() + ": variant " + v + " is not a string");
                }
                try {
                    variants.add(Bug.parse(v.asText()).id());
                } catch (IllegalArgumentException x) {
                    throw new SeriesException(
                            Problem.BAD_KILL_MATRIX, file + ": scenario " + e.getKey() + ": " + x.getMessage(), x);
                }
            }
            out.put(e.getKey(), Collections.unmodifiableSortedSet(variants));
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Writes {@code matrix} in the format {@link #read} reads: keys and variants sorted, two
     * spaces of indentation, a newline at the end, so that the same check writes the same
     * bytes.
     *
     * @param matrix the variants ({@link Bug#id()} names) by scenario id
     * @param file the file, replaced whole or not at all ({@link AtomicFile}); missing directories above
     *     it are created
     * @throws IOException when the file cannot be written
     */
    public static void write(Map<String, ? extends Collection<String>> matrix, Path file) throws IOException {
        Map<String, SortedSet<String>> sorted = new TreeMap<>();
        matrix.forEach((id, variants) -> sorted.put(id, new TreeSet<>(variants)));
        AtomicFile.write(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(sorted) + "\n");
    }

    /**
     * @param all the scenario ids of the features
     * @return the ids of {@code all} that {@code matrix} lacks: a sign the matrix was written
     *     by a check of part of the features (or of older features), so that it would say
     *     those scenarios kill nothing
     */
    public static SortedSet<String> missingIds(Map<String, ? extends Set<String>> matrix, Collection<String> all) {
        SortedSet<String> ids = new TreeSet<>(all);
        ids.removeAll(matrix.keySet());
        return ids;
    }

    /**
     * @return the ids of {@code matrix} that none of {@code all} has: a sign the matrix was
     *     written for other features
     */
    public static SortedSet<String> unknownIds(
            Map<String, ? extends Set<String>> matrix, Iterable<GuardedScenario> all) {
        SortedSet<String> ids = new TreeSet<>(matrix.keySet());
        for (GuardedScenario s : all) {
            ids.remove(s.id());
        }
        return ids;
    }
}
