@seed:002 @seed:000 @B8
@touches:fs/ext4/extents.c:ext4_ext_convert_to_initialized @touches:fs/ext4/file.c:ext4_dax_write_iter
@touches:fs/dax.c:dax_iomap_rw
Feature: ext4 converts an unwritten extent once for each write(2): how a write is split decides what it converts

  A DAX write into an unwritten extent converts the blocks it writes
  (ext4_ext_convert_to_initialized(), through ext4_iomap_alloc() with
  EXT4_GET_BLOCKS_CREATE_ZERO). Each write(2) converts once, with what the extent looks
  like then: up to 32 KiB (s_extent_max_zeroout_kb) of the extent before the write is
  zeroed and converted with it rather than split off, when the extent up to the end of
  the write is shorter than that; and a write that starts where a written neighbour ends
  moves its blocks into that neighbour. So the same bytes written in one call or in two
  can leave different extents: both read the same, and fiemap tells them apart. The
  conversion of unwritten extents under DAX is what Ross Zwisler's review of the iomap
  DAX draft (linux-ext4, August 2016) and Dave Chinner's "Re: [PATCH v3 0/3] Add XIP
  support to ext4" (23 Dec 2013) ask a DAX filesystem to get right.

  # In one call the write covers pages 6 and 7: the extent up to its end is 8 blocks, not
  # shorter than the zeroout window, so pages 0 to 5 are split off, unwritten. In calls
  # of 4 KiB the first covers page 6 alone: 7 blocks up to its end, so pages 0 to 5 are
  # zeroed and converted with it; the second, at page 7, joins that written extent.
  Scenario Outline: On ext4 8 KiB written at page 6 of a 20-page preallocated extent in calls of <chunk> convert <converted>
    Given ext4 on pmem mounted with dax=always
    And a preallocated file "f" of 20 pages
    When 8 KiB of 0x61 is written at 6*PAGE_SIZE in chunks of <chunk>
    Then the extent map shows <written> as data
    And the extent map shows <unwritten> as unwritten
    And the range 6*PAGE_SIZE..8*PAGE_SIZE-1 reads as 0x61
    And the range 0..15 reads as zeros
    And the range 6*PAGE_SIZE-16..6*PAGE_SIZE-1 reads as zeros

    Examples:
      | chunk | converted              | written                    | unwritten                                      |
      | 4 KiB | pages 0 to 7           | 0..8*PAGE_SIZE-1           | 8*PAGE_SIZE..20*PAGE_SIZE-1                    |
      | 8 KiB | only the pages written | 6*PAGE_SIZE..8*PAGE_SIZE-1 | 0..6*PAGE_SIZE-1                               |
