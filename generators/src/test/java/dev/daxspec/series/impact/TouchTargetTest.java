package dev.daxspec.series.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daxspec.series.impact.TouchTarget.Kind;
import org.junit.jupiter.api.Test;

class TouchTargetTest {

    @Test
    void parsesTheThreeForms() {
        TouchTarget f = TouchTarget.parse("fs/dax.c:dax_iomap_pmd_fault");
        assertThat(f.kind()).isEqualTo(Kind.FUNCTION);
        assertThat(f.path()).isEqualTo("fs/dax.c");
        assertThat(f.function()).contains("dax_iomap_pmd_fault");
        assertThat(TouchTarget.parse("fs/dax.c").kind()).isEqualTo(Kind.FILE);
        assertThat(TouchTarget.parse("fs/ext4/").kind()).isEqualTo(Kind.DIRECTORY);
        assertThat(TouchTarget.parse("Makefile").kind()).isEqualTo(Kind.FILE);
        assertThat(TouchTarget.parse("fs/ext4/").toString()).isEqualTo("fs/ext4/");
    }

    @Test
    void refusesWhatIsNotARepositoryTarget() {
        assertThatThrownBy(() -> TouchTarget.parse("/fs/dax.c"))
                .hasMessage("'/fs/dax.c' is not a relative repository path");
        assertThatThrownBy(() -> TouchTarget.parse("fs/../dax.c")).hasMessageContaining("relative");
        assertThatThrownBy(() -> TouchTarget.parse("fs/dax.c:dax-fault"))
                .hasMessage("'dax-fault' in 'fs/dax.c:dax-fault' is not a C identifier");
        assertThatThrownBy(() -> TouchTarget.parse("fs/ext4/:f"))
                .hasMessage("'fs/ext4/:f' names a function in a directory");
        assertThatThrownBy(() -> TouchTarget.parse(" ")).hasMessage("empty target");
        assertThatThrownBy(() -> TouchTarget.parse("fs//dax.c")).hasMessageContaining("relative");
    }

    @Test
    void containmentAndOverlap() {
        TouchTarget dir = TouchTarget.parse("fs/ext4/");
        TouchTarget file = TouchTarget.parse("fs/ext4/file.c");
        TouchTarget fn = TouchTarget.parse("fs/ext4/file.c:ext4_file_mmap");
        TouchTarget other = TouchTarget.parse("fs/ext4/file.c:ext4_dax_fault");
        assertThat(dir.contains(file)).isTrue();
        assertThat(dir.contains(fn)).isTrue();
        assertThat(file.contains(fn)).isTrue();
        assertThat(fn.contains(file)).isFalse();
        assertThat(fn.overlaps(file)).isTrue();
        assertThat(fn.overlaps(other)).isFalse();
        assertThat(TouchTarget.parse("fs/ext4").contains(file))
                .as("a file named ext4")
                .isFalse();
        assertThat(TouchTarget.parse("fs/ext").contains(file)).isFalse();
        assertThat(TouchTarget.parse("fs/ext/").contains(file)).isFalse();
    }
}
