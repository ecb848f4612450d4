package dev.daxspec.emit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A directory tree as a map, for comparing trees byte for byte and mode for mode. */
final class Trees {

    private Trees() {}

    /** Relative path → (permissions, then the content as text) of every file and directory under {@code root}. */
    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                String key = root.relativize(p).toString();
                String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                m.put(key, perms + (Files.isDirectory(p) ? "/" : "\n" + Files.readString(p)));
            }
        }
        return m;
    }
}
