package dev.daxspec.emit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The recorded known deviations ({@code fixtures/conformance/known-deviations.json}): a
 * JSON array of {@link KnownDeviation} objects. Immutable after loading.
 */
public final class KnownDeviations {

    private final Map<String, KnownDeviation> byCase;

    private KnownDeviations(List<KnownDeviation> list) {
        this.byCase = list.stream().collect(Collectors.toMap(KnownDeviation::caseName, Function.identity()));
    }

    public static KnownDeviations none() {
        return new KnownDeviations(List.of());
    }

    /**
     * The deviations in {@code file}; none when it does not exist.
     *
     * @throws IOException one line, {@code file:line: message}, when the file is not such an array
     */
    public static KnownDeviations load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return none();
        }
        ObjectMapper m = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            return new KnownDeviations(m.readValue(file.toFile(), new TypeReference<List<KnownDeviation>>() {}));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            String reason = e.getOriginalMessage().lines().findFirst().orElse("unreadable");
            throw new IOException(
                    file + where + ": "
                            + (reason.startsWith("No content to map")
                                    ? "the file is empty; it holds a JSON list of known deviations"
                                    : reason),
                    e);
        } catch (IOException e) {
            throw new IOException(
                    file + ": " + e.getMessage().lines().findFirst().orElse("unreadable"), e);
        }
    }

    public Optional<KnownDeviation> forCase(String name) {
        return Optional.ofNullable(byCase.get(name));
    }

    public List<KnownDeviation> all() {
        return List.copyOf(byCase.values());
    }
}
