package dev.daxspec.cli;

import java.nio.file.Path;

/**
 * Where the bundled features and conformance fixtures are: under the installation's root,
 * which the launcher passes as the system property {@code daxspec.home}, so that the
 * defaults work wherever the command is run from; without it (a bare {@code java -jar},
 * the unit tests) under the working directory.
 */
final class Home {

    /** The system property naming the installation's root (the repository, or an unpacked distribution). */
    static final String PROPERTY = "daxspec.home";

    private Home() {}

    /** The installation's root, or the working directory when no launcher said. */
    static Path root() {
        String home = System.getProperty(PROPERTY);
        return home == null || home.isBlank() ? Path.of("") : Path.of(home);
    }

    /** The bundled features directory. */
    static Path features() {
        return bundled("features");
    }

    /** The bundled conformance cases. */
    static Path conformance() {
        return bundled("fixtures/conformance");
    }

    /**
     * {@code relative} under the installation's root; relative to the working directory
     * when the root is the working directory, so messages name it as before.
     */
    static Path bundled(String relative) {
        Path root = root();
        if (root.toString().isEmpty()) {
            return Path.of(relative);
        }
        Path abs = root.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return abs.equals(cwd) ? Path.of(relative) : abs.resolve(relative);
    }
}
