@seed:002 @seed:000 @B8
@touches:fs/ext4/extents.c:ext4_zero_range @touches:fs/ext4/extents.c:ext4_alloc_file_blocks
@touches:fs/xfs/xfs_file.c:xfs_file_fallocate @touches:fs/xfs/xfs_bmap_util.c:xfs_alloc_file_space
Feature: A zero range allocates the blocks it touches: a hole at its edge becomes an unwritten block

  FALLOC_FL_ZERO_RANGE leaves every block it touches allocated, so that later writes in
  the range need no allocation: its whole blocks become unwritten extents, and so do the
  blocks at its edges that were holes. ext4_zero_range() preallocates the range rounded
  out to blocks first ("Preallocate the range including the unaligned edges",
  ext4_alloc_file_blocks() with EXT4_GET_BLOCKS_CREATE_UNWRIT_EXT); xfs_file_fallocate()
  punches the range and then preallocates it rounded out to blocks
  (xfs_alloc_file_space()). A zeroed range reads as zeros either way; the extent map
  shows what was allocated. The unwritten extents are the ones Dave Chinner's list asks
  a DAX filesystem to get right ("Re: [PATCH v3 0/3] Add XIP support to ext4", 23 Dec 2013).

  Scenario Outline: On <fs> on <device> a zero range inside one block of a hole preallocates that block alone
    Given <fs> on <device> mounted with <options>
    And a sparse file "f" of 4 pages
    When the range 5000..5999 is zeroed
    And xfs_io runs on "f":
      """
      fiemap -v
      """
    Then xfs_io prints:
      """
      0: [0..7]: hole
      1: [8..15]: unwritten
      2: [16..31]: hole
      """
    And the file has 4 KiB allocated
    And the range 4096..8191 reads as zeros
    And the file size is 4 pages

    Examples:
      | fs   | device | options    |
      | ext4 | pmem   | dax=always |
      | xfs  | pmem   | dax=always |
      | ext4 | brd    | defaults   |

  Scenario Outline: On <fs> a zero range across two blocks of a hole preallocates both edge blocks
    Given <fs> on pmem mounted with dax=always
    And a sparse file "f" of 4 pages
    When the range 4000..4199 is zeroed
    Then the extent map shows 0..8191 as unwritten
    And the extent map shows 8192..16383 as a hole
    And the file has 8 KiB allocated

    Examples:
      | fs   |
      | ext4 |
      | xfs  |
