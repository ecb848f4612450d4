package dev.daxspec.series.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the project's top directory (the one holding {@code fixtures/}) from the test's working directory. */
public final class Fixtures {

    private Fixtures() {}

    public static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isDirectory(p.resolve("fixtures/series"))) {
                return p;
            }
            p = p.getParent();
        }
        throw new IllegalStateException(
                "no fixtures/series above " + Path.of("").toAbsolutePath());
    }

    public static Path series(String name) {
        return root().resolve("fixtures/series").resolve(name);
    }
}
