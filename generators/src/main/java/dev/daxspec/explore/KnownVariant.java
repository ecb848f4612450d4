package dev.daxspec.explore;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.daxspec.oracle.kernel.Bug;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.program.ProgramRunner;
import dev.daxspec.oracle.program.Transcript;
import dev.daxspec.oracle.target.Filesystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A known deviation as exploration recognises it: on these kernel releases this filesystem
 * behaves as the oracle's variant with a historical bug does, a departure from a rule that
 * is recorded with its evidence (the conformance cases' known deviations) rather than absorbed
 * into the model. A difference is this deviation when the kernel printed exactly what the
 * variant predicts for the same program. Loaded from {@code fixtures/explore/known-deviations.json}.
 *
 * @param name a short name for reports
 * @param fs the filesystem it is seen on
 * @param releases a regular expression the whole kernel release ({@code uname -r}) matches
 * @param variant the {@link Bug} id whose behaviour the kernel shows
 * @param rule the rule it departs from, e.g. {@code B6}
 * @param why what the kernel does instead, and the evidence, in a sentence or two
 */
public record KnownVariant(String name, Filesystem fs, Pattern releases, Bug variant, String rule, String why) {

    @JsonCreator
    static KnownVariant json(
            @JsonProperty(value = "name", required = true) String name,
            @JsonProperty(value = "fs", required = true) String fs,
            @JsonProperty(value = "releases", required = true) String releases,
            @JsonProperty(value = "variant", required = true) String variant,
            @JsonProperty(value = "rule", required = true) String rule,
            @JsonProperty(value = "why", required = true) String why) {
        try {
            return new KnownVariant(
                    name, Filesystem.parse(fs), Pattern.compile(releases), Bug.parse(variant), rule, why);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("releases '" + releases + "' is not a regular expression");
        }
    }

    /** Whether {@code actual}, the kernel's transcript of {@code program}, is this deviation. */
    public boolean explains(String release, Program program, String actual, Kernel reference) {
        if (program.target().fs() != fs || !releases.matcher(release).matches()) {
            return false;
        }
        try {
            return ProgramRunner.outcomes(program, Kernel.with(variant).withProfile(reference.profile())).stream()
                    .map(Transcript::text)
                    .anyMatch(actual::equals);
        } catch (RuntimeException refused) {
            return false;
        }
    }

    /**
     * Reads a JSON array of objects with the record's fields.
     *
     * @throws IOException naming the file and the first problem
     */
    public static List<KnownVariant> load(Path file) throws IOException {
        ObjectMapper m = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            return m.readValue(Files.readAllBytes(file), new TypeReference<List<KnownVariant>>() {});
        } catch (IOException e) {
            throw new IOException(
                    file + ": " + e.getMessage().lines().findFirst().orElse("unreadable"), e);
        }
    }
}
