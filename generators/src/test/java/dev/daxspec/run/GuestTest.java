package dev.daxspec.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the host decides about a job before it talks to a guest. */
class GuestTest {

    @Test
    void aJobNamesBrdWhereAnyPhaseNamesABrdDevice() {
        assertThat(Guest.namesBrd(new GuestJob("a", List.of("SCRATCH_DEV=/dev/pmem0\n", "SCRATCH_DEV=/dev/ram0\n"))))
                .isTrue();
        assertThat(Guest.namesBrd(new GuestJob("b", List.of("cat /sys/block/ram1/size\n", "true\n"))))
                .isTrue();
        assertThat(Guest.namesBrd(new GuestJob("c", List.of("SCRATCH_DEV=/dev/pmem0\n", "mount /dev/pmem0 /mnt\n"))))
                .isFalse();
    }
}
