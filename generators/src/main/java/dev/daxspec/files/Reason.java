package dev.daxspec.files;

import java.nio.file.FileSystemException;
import java.util.Locale;

/**
 * Why the system refused a path, in words: its reason ({@code Read-only file system}), or
 * for the exceptions that carry none the kind ({@code NoSuchFileException}: {@code no such
 * file}), since their message is only the path.
 */
public final class Reason {

    private Reason() {}

    /** {@code Read-only file system}, {@code no such file}, {@code access denied}. */
    public static String of(FileSystemException e) {
        return e.getReason() != null
                ? e.getReason()
                : e.getClass()
                        .getSimpleName()
                        .replace("Exception", "")
                        .replaceAll("([a-z])([A-Z])", "$1 $2")
                        .toLowerCase(Locale.ROOT);
    }
}
