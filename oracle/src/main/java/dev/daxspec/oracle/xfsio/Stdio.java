package dev.daxspec.oracle.xfsio;

/**
 * xfs_io's stdout and stderr as a test harness sees them through {@code 2>&1} into a pipe
 * or file. stderr is unbuffered, so perror() lines arrive at once; stdout is fully
 * buffered by glibc in blocks of st_blksize (PAGE_SIZE for a pipe), so its text arrives
 * only when a block fills and at exit. That is why a real transcript can show
 * {@code pwrite: No space left on device} before the {@code wrote ...} lines printed
 * earlier. A process killed by a signal loses what is still buffered.
 *
 * <p>Exactly glibc's {@code _IO_new_file_xsputn()}: a write that overflows the buffer
 * flushes the full buffer and writes whole blocks directly, keeping the remainder; a
 * buffer that is exactly full is flushed by the next write, not this one.
 */
final class Stdio {

    private final int blockSize;
    private final StringBuilder delivered = new StringBuilder();
    private final StringBuilder buffered = new StringBuilder();

    /** @param blockSize glibc's stdout buffer: st_blksize of the pipe, which is PAGE_SIZE */
    Stdio(int blockSize) {
        this.blockSize = blockSize;
    }

    void out(String text) {
        buffered.append(text);
        int len = buffered.length();
        if (len > blockSize) {
            int keep = len % blockSize == 0 ? blockSize : len % blockSize;
            delivered.append(buffered, 0, len - keep);
            buffered.delete(0, len - keep);
        }
    }

    void err(String text) {
        delivered.append(text);
    }

    /** fflush(stdout). */
    void flush() {
        delivered.append(buffered);
        buffered.setLength(0);
    }

    /** What the reader got when the process exited normally (exit() flushes stdout). */
    String exited() {
        flush();
        return delivered.toString();
    }

    /** What the reader got when a signal killed the process: stdout's buffer is lost. */
    String killed() {
        buffered.setLength(0);
        return delivered.toString();
    }
}
