package dev.daxspec.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class SignalDecoderTest {

    /** What the guest sends: gzip | base64. */
    private static String b64(String text) {
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(gzipped.toByteArray());
    }

    private static List<GuestSignal> decode(String transcript) {
        SignalDecoder decoder = new SignalDecoder();
        List<GuestSignal> signals = new ArrayList<>();
        transcript.lines().forEach(line -> decoder.accept(line).ifPresent(signals::add));
        return signals;
    }

    @Test
    void decodesABootThatRunsOnePhaseAndAsksForMore() {
        String output = "wrote 4096/4096 bytes at offset 0\n" + "x".repeat(200) + "\n";
        String klog = "[    5.514528] EXT4-fs (pmem0): mounted filesystem with ordered data mode.\n";
        List<GuestSignal> signals = decode(String.join(
                "\n",
                "DAXSPEC READY uptime=4.94",
                "DAXSPEC WANT",
                "DAXSPEC BEGIN job=2 phase=1",
                "DAXSPEC OUTPUT job=2 phase=1",
                b64(output),
                "DAXSPEC KLOG job=2 phase=1",
                b64(klog),
                "DAXSPEC END job=2 phase=1 status=135 kernel-error=0",
                "DAXSPEC WANT"));
        assertThat(signals)
                .containsExactly(
                        new GuestSignal.Ready(Duration.ofMillis(4940)),
                        new GuestSignal.Want(),
                        new GuestSignal.Begin(2, 1),
                        new GuestSignal.End(
                                2,
                                1,
                                new GuestPhaseResult(
                                        output, 135, "EXT4-fs (pmem0): mounted filesystem with ordered data mode.\n"),
                                false),
                        new GuestSignal.Want());
    }

    @Test
    void emptyBlocksAndKernelErrorFlag() {
        List<GuestSignal> signals = decode(String.join(
                "\n",
                "DAXSPEC BEGIN job=0 phase=0",
                "DAXSPEC OUTPUT job=0 phase=0",
                "DAXSPEC KLOG job=0 phase=0",
                "DAXSPEC END job=0 phase=0 status=0 kernel-error=1"));
        assertThat(signals).last().isEqualTo(new GuestSignal.End(0, 0, new GuestPhaseResult("", 0, ""), true));
    }

    @Test
    void fatalCarriesTheGuestsMessage() {
        assertThat(decode("DAXSPEC FATAL /dev/pmem0 did not appear"))
                .containsExactly(new GuestSignal.Fatal("/dev/pmem0 did not appear"));
    }

    @Test
    void blockThatLostALineIsAnError() {
        // Random bytes do not compress: the block is several base64 lines.
        byte[] noise = new byte[400];
        new java.util.SplittableRandom(7).nextBytes(noise);
        List<String> lines =
                b64(new String(noise, StandardCharsets.ISO_8859_1)).lines().toList();
        assertThat(lines).hasSizeGreaterThan(2);
        assertThatThrownBy(() -> decode(String.join(
                        "\n",
                        "DAXSPEC BEGIN job=0 phase=0",
                        "DAXSPEC OUTPUT job=0 phase=0",
                        String.join("\n", lines.subList(0, lines.size() - 1)),
                        "DAXSPEC KLOG job=0 phase=0")))
                .isInstanceOf(VmException.class)
                .hasMessageStartingWith("the guest sent a corrupt OUTPUT block: ");
    }

    @Test
    void garbledBlockIsAnError() {
        assertThatThrownBy(() -> decode(String.join(
                        "\n",
                        "DAXSPEC BEGIN job=0 phase=0",
                        "DAXSPEC OUTPUT job=0 phase=0",
                        "aGVsbG8K",
                        "DAXSPEC KLOG job=0 phase=0")))
                .isInstanceOf(VmException.class)
                .hasMessageStartingWith("the guest sent a corrupt OUTPUT block: ");
    }

    @Test
    void strayTextAndUnknownFramesAreErrors() {
        assertThatThrownBy(() -> decode("login: ")).hasMessage("unexpected line on the guest's result port: login: ");
        assertThatThrownBy(() -> decode("DAXSPEC HELLO"))
                .hasMessage("unknown frame on the guest's result port: DAXSPEC HELLO");
        assertThatThrownBy(() -> decode("DAXSPEC END job=0 phase=0 status=0 kernel-error=0"))
                .hasMessage("the guest ended a phase without its output and kernel log");
    }
}
