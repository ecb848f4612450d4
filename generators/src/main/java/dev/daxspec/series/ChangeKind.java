package dev.daxspec.series;

/** How a commit or patch changes a file. */
public enum ChangeKind {
    /** The file is new. */
    ADD,
    /** The file's content changes. */
    MODIFY,
    /** The file is removed. */
    DELETE,
    /** The file is moved, possibly with changes. */
    RENAME,
    /** The file is copied, possibly with changes. */
    COPY
}
