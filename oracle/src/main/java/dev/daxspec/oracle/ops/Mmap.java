package dev.daxspec.oracle.ops;

/**
 * {@code mmap [-r] [-w] [-x] [-S | -p] off len}: a shared mapping of the file, or with
 * {@code -p} a private one (MAP_PRIVATE: stores copy the page). xfs_io 6.1 maps only
 * MAP_SHARED, so {@code -p} is daxspec-probe's (ci/vm/probe.c). No protection flag means
 * read, write and execute. {@code -S} maps with MAP_SHARED_VALIDATE | MAP_SYNC.
 */
public record Mmap(boolean read, boolean write, boolean exec, boolean sync, boolean priv, long offset, long length)
        implements Op {

    public Mmap {
        if (sync && priv) {
            throw new IllegalArgumentException(
                    "mmap: -S (MAP_SHARED_VALIDATE | MAP_SYNC) and -p (MAP_PRIVATE)" + " exclude each other");
        }
    }

    /** The protection xfs_io asks for: rwx when no flag was given. */
    public boolean[] prot() {
        boolean none = !read && !write && !exec;
        return new boolean[] {none || read, none || write, none || exec};
    }

    @Override
    public <R> R accept(Visitor<R> v) {
        return v.mmap(this);
    }

    @Override
    public String toString() {
        String flags = (read ? "r" : "") + (write ? "w" : "") + (exec ? "x" : "");
        return "mmap" + (flags.isEmpty() ? "" : " -" + flags) + (sync ? " -S" : "") + (priv ? " -p" : "") + " " + offset
                + " " + length;
    }
}
