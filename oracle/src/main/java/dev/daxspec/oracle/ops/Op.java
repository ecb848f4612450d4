package dev.daxspec.oracle.ops;

/**
 * One xfs_io command. Each is a record whose {@code toString()} is the command exactly as
 * it is passed to {@code xfs_io -c}, numbers in decimal bytes, so recording a program for
 * a script and running it on the oracle use the same text.
 */
public sealed interface Op
        permits Pwrite,
                Pread,
                Truncate,
                Falloc,
                Fpunch,
                Fzero,
                Fsync,
                Fdatasync,
                Seek,
                Stat,
                Statx,
                Fiemap,
                Sync,
                Mmap,
                Mread,
                Mwrite,
                Msync,
                Munmap {

    <R> R accept(Visitor<R> v);

    /** One method per command: the interpreter, the printers and the emitters implement it. */
    interface Visitor<R> {
        R pwrite(Pwrite op);

        R pread(Pread op);

        R truncate(Truncate op);

        R falloc(Falloc op);

        R fpunch(Fpunch op);

        R fzero(Fzero op);

        R fsync(Fsync op);

        R fdatasync(Fdatasync op);

        R seek(Seek op);

        R stat(Stat op);

        R statx(Statx op);

        R fiemap(Fiemap op);

        R sync(Sync op);

        R mmap(Mmap op);

        R mread(Mread op);

        R mwrite(Mwrite op);

        R msync(Msync op);

        R munmap(Munmap op);
    }
}
