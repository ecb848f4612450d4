@seed:000 @B5
@touches:fs/dax.c:dax_iomap_pte_fault @touches:fs/ext4/inode.c:ext4_iomap_alloc
@touches:fs/xfs/xfs_iomap.c:xfs_direct_write_iomap_begin @touches:fs/ext4/inode.c:ext4_page_mkwrite
Feature: Data written through a mapping survives a clean unmount and mount

  A write fault makes the block under it file data (B5), so after umount and mount,
  which makes everything durable and starts with cold caches and no mappings, read(2)
  sees what the mapping stored, and what write(2) wrote beside it. On DAX the data is on
  pmem at the store; through the page cache writeback at unmount puts it there. Dave
  Chinner ("Add XIP support to ext4", December 2013): the page_mkwrite path must "set up tracking to trigger unwritten extent conversion",
  or data written through the mapping reads back as zeros.

  Scenario Outline: On <fs> on <device> with <options>, a mapped store and a write survive a remount
    Given <fs> on <device> mounted with <options>
    And a sparse file "f" of 4 pages
    When the file is mapped shared for 4 pages
    And 0x64 is stored over 4100..4107 through the mapping
    And 8 bytes of 0x65 are written at 12288
    And the filesystem is unmounted and mounted again
    Then the range 4100..4107 reads as 0x64
    And the range 4096..4099 reads as zeros
    And the range 12288..12295 reads as 0x65
    And the file size is 4 pages

    Examples:
      | fs   | device | options    |
      | ext4 | pmem   | dax=always |
      | xfs  | pmem   | dax=always |
      | ext4 | brd    | defaults   |
      | ext4 | pmem   | dax=never  |

  Scenario: On xfs through the page cache, a mapped store and a write survive a remount
    xfs's writeback allocates more than the page a mapping dirtied over a hole, and how
    much is not modelled, so this scenario makes no claim about the file's blocks.

    Given xfs on brd
    And a sparse file "f" of 4 pages
    When the file is mapped shared for 4 pages
    And 0x64 is stored over 4100..4107 through the mapping
    And 8 bytes of 0x65 are written at 12288
    And the filesystem is unmounted and mounted again
    Then the range 4100..4107 reads as 0x64
    And the range 4096..4099 reads as zeros
    And the range 12288..12295 reads as 0x65

  Scenario Outline: On <fs>, a mapped store into a preallocated extent survives a remount converted
    Given <fs> on pmem mounted with dax=always
    And a preallocated file "f" of 4 pages
    When the file is mapped shared for 4 pages
    And 0x66 is stored over 8192..8199 through the mapping
    And the filesystem is unmounted and mounted again
    Then the range 8192..8199 reads as 0x66
    And the extent map shows 8192..12287 as data

    Examples:
      | fs   |
      | ext4 |
      | xfs  |
