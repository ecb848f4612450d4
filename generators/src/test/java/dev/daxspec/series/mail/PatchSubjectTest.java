package dev.daxspec.series.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.series.PatchTag;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PatchSubjectTest {

    @Test
    void prefixes() {
        assertThat(PatchSubject.parse("[PATCH v3 2/3] ext4: add XIP support"))
                .isEqualTo(new PatchSubject(
                        "ext4: add XIP support", Optional.of(new PatchTag(3, 2, 3, false, false, List.of())), false));
        assertThat(PatchSubject.parse("[RFC PATCH 0/7] dax, ext4: Synchronous page faults"))
                .isEqualTo(new PatchSubject(
                        "dax, ext4: Synchronous page faults",
                        Optional.of(new PatchTag(1, 0, 7, true, false, List.of())),
                        false));
        assertThat(PatchSubject.parse("Re: [PATCH v3 0/3] Add XIP support to ext4"))
                .isEqualTo(new PatchSubject(
                        "Add XIP support to ext4", Optional.of(new PatchTag(3, 0, 3, false, false, List.of())), true));
        assertThat(PatchSubject.parse("[patch] mm: fix XIP file writes").tag())
                .contains(new PatchTag(1, 0, 0, false, false, List.of()));
        assertThat(PatchSubject.parse("[PATCHv2 net-next 01/10] x").tag())
                .contains(new PatchTag(2, 1, 10, false, false, List.of("net-next")));
        assertThat(PatchSubject.parse("[PATCH RESEND v4 1/2] y")
                        .tag()
                        .orElseThrow()
                        .resend())
                .isTrue();
        assertThat(PatchSubject.parse("RE: Re: Fwd: [PATCH] z").subject()).isEqualTo("z");
    }

    @Test
    void otherBracketsStay() {
        PatchSubject s = PatchSubject.parse("[GIT PULL] dax fixes for 6.1");
        assertThat(s.tag()).isEmpty();
        assertThat(s.subject()).isEqualTo("[GIT PULL] dax fixes for 6.1");
        assertThat(PatchSubject.parse("Re: [RFC] new ->perform_write fop").subject())
                .isEqualTo("[RFC] new ->perform_write fop");
    }
}
