@seed:000
@touches:fs/ext4/inode.c:ext4_page_mkwrite @touches:fs/xfs/xfs_file.c:xfs_filemap_page_mkwrite
@touches:fs/ext4/page-io.c:ext4_bio_write_page @touches:fs/iomap/buffered-io.c:iomap_writepage_map
@touches:mm/filemap.c:filemap_read
Feature: Through the page cache a store is file data at once, and writeback puts only file data on disk

  A store through a shared mapping of a file that is not DAX lands in the page cache:
  read(2) sees it at once, also over a preallocated (unwritten) block, whose page is
  dirty and uptodate; writeback then writes the page and converts the block. What a
  mapping stores past EOF in the last page is not file data: Dave Chinner's list against
  xip_file_fault() in "Add XIP support to ext4" (December 2013) asks how it would "ensure
  that partial blocks at EOF are zeroed correctly", and page-cache writeback zeroes the
  EOF page past i_size before writing it (ext4_bio_write_page(), iomap_writepage_map()),
  so those bytes never reach the disk.

  Scenario Outline: On <fs> on brd read(2) sees a store into a preallocated block before writeback, and after it
    Given <fs> on brd
    And a preallocated file "f" of 4 pages
    When the file is mapped shared for 4 pages
    And 0x63 is stored over 4096..4111 through the mapping
    Then the range 4096..4111 reads as 0x63 through read()
    And the range 4112..4127 reads as zeros through read()
    When the file is fsynced
    Then the range 4096..4111 reads as 0x63 through read()

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  # ext4 writes back and converts the dirty page's block alone. xfs on 6.1 is not held to
  # this: its iomap writeback tracks dirtiness per folio, and writes back (and converts)
  # the whole large folio the fault read in, measured as the whole 16 KiB extent on
  # 6.1.0-57; per-block dirty tracking came to iomap in Linux 6.6 ("iomap: Add per-block
  # dirty state tracking to improve performance", Ritesh Harjani, 2023), and 6.18.44
  # converts the dirty block alone.
  Scenario: On ext4 on brd writeback converts the block under the dirty page, and only that block
    Given ext4 on brd
    And a preallocated file "f" of 4 pages
    When the file is mapped shared for 4 pages
    And 0x63 is stored over 4096..4111 through the mapping
    And the file is fsynced
    Then the extent map shows 4096..8191 as data
    And the extent map shows 0..4095 as unwritten
    And the extent map shows 8192..16383 as unwritten

  @B6
  Scenario Outline: On <fs> on brd bytes stored past EOF never reach the disk: after writeback and a remount the EOF page reads zeros there
    Given <fs> on brd
    And a file "f" of 1100 bytes
    When the file is mapped shared for 1 page
    And 0x62 is stored over 1100..1199 through the mapping
    And the file is unmapped
    And the file is fsynced
    And the filesystem is unmounted and mounted again
    And the file is mapped shared for 1 page
    Then the range 1100..1199 reads as zeros through the mapping
    And the range 1088..1099 reads as 0x61 through the mapping

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  # Writeback write-protects every mapping of a page it cleans (folio_clear_dirty_for_io()
  # calls page_mkclean()), so a store after an fsync faults again, ->page_mkwrite() dirties
  # the page, and the next fsync writes it: the later store is what reaches the disk.
  @touches:mm/page-writeback.c:folio_clear_dirty_for_io
  Scenario Outline: On <fs> on brd a store after an fsync is written back by the next fsync
    Given <fs> on brd
    And a file "f" of 4096 bytes
    When the file is mapped shared for 1 page
    And 0x62 is stored over 0..15 through the mapping
    And the file is fsynced
    And 0x63 is stored over 0..15 through the mapping
    And the file is fsynced
    And the file is unmapped
    And the filesystem is unmounted and mounted again
    Then the range 0..15 reads as 0x63 through read()
    And the range 16..31 reads as 0x61 through read()

    Examples:
      | fs   |
      | ext4 |
      | xfs  |
