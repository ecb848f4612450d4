package dev.daxspec.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrailersTest {

    @Test
    void kernelTrailerBlock() {
        String msg = """
                brd: restore __GFP_HIGHMEM in brd_insert_page()

                __GFP_HIGHMEM is disabled if dax is enabled on brd, however
                dax support for brd has been removed since commit (7a862fbbdec6
                "brd: remove dax support"), so restore __GFP_HIGHMEM.

                Cc: stable@vger.kernel.org
                Fixes: 7a862fbbdec6 ("brd: remove dax support")
                Signed-off-by: Hou Tao <houtao1@huawei.com>
                [ axboe: folded a comment fix ]
                Signed-off-by: Jens Axboe <axboe@kernel.dk>
                """;
        List<Trailer> t = Trailers.parse(msg);
        assertThat(t).extracting(Trailer::key).containsExactly("Cc", "Fixes", "Signed-off-by", "Signed-off-by");
        assertThat(Trailers.fixes(t))
                .containsExactly(new FixesRef("7a862fbbdec6", "brd: remove dax support", Optional.empty()));
    }

    /** Seed 004: the description of the mm/filemap_xip.c fix ends with its trailer. */
    @Test
    void seedMailDescription() {
        String msg = """
                Writing to XIP files at a non-page-aligned offset results in data corruption
                because the writes were always sent to the start of the page.

                Signed-off-by: Nick Piggin <npiggin@suse.de>
                """;
        assertThat(Trailers.parse(msg)).containsExactly(new Trailer("Signed-off-by", "Nick Piggin <npiggin@suse.de>"));
    }

    @Test
    void proseIsNotATrailerBlock() {
        assertThat(Trailers.parse("subject\n\nNote: this is a sentence.\nAnd more prose here.\n"))
                .isEmpty();
        assertThat(Trailers.parse("Fixes: the subject line only\n")).isEmpty();
        assertThat(Trailers.parse("subject\n\nSee http://example.org/x\n")).isEmpty();
        assertThat(Trailers.parse("")).isEmpty();
    }

    @Test
    void continuationLinesJoin() {
        List<Trailer> t = Trailers.parse("s\n\nReported-by: A Person\n  <a@example.org>\n");
        assertThat(t).containsExactly(new Trailer("Reported-by", "A Person <a@example.org>"));
    }

    @Test
    void fixesForms() {
        assertThat(Trailers.parseFixes("4a9e5ef1f4f15205e477817a5cefc34bd3f65f55 (mm: write iovec cleanup)"))
                .contains(new FixesRef(
                        "4a9e5ef1f4f15205e477817a5cefc34bd3f65f55", "mm: write iovec cleanup", Optional.empty()));
        assertThat(Trailers.parseFixes("commit D475C6346A38"))
                .contains(new FixesRef("d475c6346a38", "", Optional.empty()));
        assertThat(Trailers.parseFixes("the XIP write path")).isEmpty();
    }
}
