package dev.daxspec.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VmOptionsTest {

    private static final Duration S = Duration.ofSeconds(1);

    /** Each wither changes its own field and nothing else (withoutSnapshots also drops the cache). */
    @Test
    void eachWitherChangesItsFieldOnly() {
        Path c = Path.of("/c");
        VmOptions o =
                new VmOptions(3, 256, 64, 2, 5, S, S.multipliedBy(2), true, true, GuestTools.MINIMAL, Optional.of(c));
        Duration t = Duration.ofSeconds(9);
        assertThat(o.withJobTimeout(t))
                .isEqualTo(new VmOptions(
                        3, 256, 64, 2, 5, t, S.multipliedBy(2), true, true, GuestTools.MINIMAL, Optional.of(c)));
        assertThat(o.withBootTimeout(t))
                .isEqualTo(new VmOptions(3, 256, 64, 2, 5, S, t, true, true, GuestTools.MINIMAL, Optional.of(c)));
        assertThat(o.withGuests(7))
                .isEqualTo(new VmOptions(
                        3, 256, 64, 2, 7, S, S.multipliedBy(2), true, true, GuestTools.MINIMAL, Optional.of(c)));
        assertThat(o.withoutSnapshots())
                .isEqualTo(new VmOptions(
                        3, 256, 64, 2, 5, S, S.multipliedBy(2), false, true, GuestTools.MINIMAL, Optional.empty()));
        assertThat(o.withoutCrashesInPlace())
                .isEqualTo(new VmOptions(
                        3, 256, 64, 2, 5, S, S.multipliedBy(2), true, false, GuestTools.MINIMAL, Optional.of(c)));
        assertThat(o.withSnapshotCache(Path.of("/d")))
                .isEqualTo(new VmOptions(
                        3,
                        256,
                        64,
                        2,
                        5,
                        S,
                        S.multipliedBy(2),
                        true,
                        true,
                        GuestTools.MINIMAL,
                        Optional.of(Path.of("/d"))));
        assertThat(o.withTools(GuestTools.XFSTESTS))
                .isEqualTo(new VmOptions(
                        3, 256, 64, 2, 5, S, S.multipliedBy(2), true, true, GuestTools.XFSTESTS, Optional.of(c)));
    }

    @Test
    void defaults() {
        assertThat(VmOptions.defaults())
                .isEqualTo(new VmOptions(
                        2,
                        1024,
                        1024,
                        1,
                        Math.min(4, Runtime.getRuntime().availableProcessors()),
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(2)));
        assertThat(VmOptions.defaults().withGuests(3).guests()).isEqualTo(3);
        assertThat(VmOptions.defaults().withJobTimeout(S).jobTimeout()).isEqualTo(S);
        assertThat(VmOptions.defaults().withBootTimeout(S).bootTimeout()).isEqualTo(S);
        assertThat(VmOptions.defaults().snapshotCache()).isEmpty();
        assertThat(VmOptions.defaults().crashesInPlace()).isTrue();
        assertThat(VmOptions.defaults().withoutCrashesInPlace().withGuests(3).crashesInPlace())
                .isFalse();
        assertThat(VmOptions.defaults().withoutSnapshots().crashesInPlace()).isTrue();
        assertThat(VmOptions.defaults()
                        .withSnapshotCache(Path.of("/c"))
                        .withGuests(3)
                        .withoutSnapshots()
                        .snapshotCache())
                .isEmpty();
        assertThat(VmOptions.defaults()
                        .withSnapshotCache(Path.of("/c"))
                        .withGuests(3)
                        .snapshotCache())
                .contains(Path.of("/c"));
    }

    @Test
    void rejectsWhatTheMachineCannotBe() {
        assertThatThrownBy(() -> new VmOptions(4, 1024, 1, 2, 1, S, S)).hasMessage("memory must be 1 to 3 GiB, not 4");
        assertThatThrownBy(() -> new VmOptions(2, 300, 1, 2, 1, S, S))
                .hasMessage("pmem must be a positive multiple of 128 MiB, not 300");
        assertThatThrownBy(() -> new VmOptions(2, 1024, 0, 2, 1, S, S)).hasMessage("brd size must be positive, not 0");
        assertThatThrownBy(() -> new VmOptions(2, 1024, 1, 0, 1, S, S)).hasMessage("vCPUs must be 1 to 16, not 0");
        assertThatThrownBy(() -> new VmOptions(2, 1024, 1, 1, 17, S, S)).hasMessage("VMs must be 1 to 16, not 17");
        assertThatThrownBy(() -> new VmOptions(2, 1024, 1, 2, 1, Duration.ZERO, S))
                .hasMessage("job timeout must be positive");
    }

    @Test
    void jobsValidateAndFallBackToTheDefaultTimeout() {
        GuestJob job = new GuestJob("a", List.of("true"));
        assertThat(job.timeoutOr(S)).isEqualTo(S);
        assertThat(new GuestJob("a", List.of("true"), Duration.ofMinutes(1)).timeoutOr(S))
                .isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> new GuestJob(" ", List.of("true"))).hasMessage("a guest job needs a non-blank id");
        assertThatThrownBy(() -> new GuestJob("a", List.of())).hasMessage("guest job a has no phases");
    }
}
