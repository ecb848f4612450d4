package dev.daxspec.oracle.xfsio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** glibc's fully buffered stdout against unbuffered stderr, through one pipe. */
class StdioTest {

    @Test
    void stderrOvertakesBufferedStdout() {
        Stdio s = new Stdio(4096);
        s.out("wrote 1/1 bytes at offset 0\n");
        s.err("pwrite: No space left on device\n");
        assertThat(s.exited()).isEqualTo("pwrite: No space left on device\nwrote 1/1 bytes at offset 0\n");
    }

    @Test
    void aFullBufferIsFlushedByTheNextWriteNotThisOne() {
        Stdio s = new Stdio(16);
        s.out("0123456789abcdef");
        s.err("E");
        s.out("g");
        s.err("F");
        assertThat(s.exited()).isEqualTo("E0123456789abcdefFg");
    }

    @Test
    void overflowWritesWholeBlocksAndKeepsTheRemainder() {
        Stdio s = new Stdio(16);
        s.out("ab");
        s.out("x".repeat(40));
        s.err("|");
        // 42 bytes written: 32 delivered (two blocks), 10 kept.
        assertThat(s.killed()).isEqualTo("ab" + "x".repeat(30) + "|");
    }

    @Test
    void aSignalLosesWhatIsStillBuffered() {
        Stdio s = new Stdio(4096);
        s.out("read 1/1 bytes at offset 0\n");
        assertThat(s.killed()).isEmpty();
    }
}
