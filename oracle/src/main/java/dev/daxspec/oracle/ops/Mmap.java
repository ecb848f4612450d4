package dev.daxspec.oracle.ops;

/**
 * {@code mmap [-r] [-w] [-x] [-S] off len}: a shared mapping of the file (xfs_io 6.1 has no
 * private mappings). No protection flag means read, write and execute. {@code -S} maps
 * with MAP_SHARED_VALIDATE | MAP_SYNC.
 */
public record Mmap(boolean read, boolean write, boolean exec, boolean sync, long offset, long length) implements Op {

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
        return "mmap" + (flags.isEmpty() ? "" : " -" + flags) + (sync ? " -S" : "") + " " + offset + " " + length;
    }
}
