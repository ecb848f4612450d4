@seed:000 @B6
@touches:fs/ext4/inode.c:ext4_setattr @touches:fs/xfs/xfs_iops.c:xfs_setattr_size
@touches:fs/xfs/xfs_file.c:xfs_file_write_checks @touches:fs/ext4/file.c:ext4_dax_write_iter
@touches:fs/dax.c:dax_zero_range @touches:fs/dax.c:dax_truncate_page @touches:fs/iomap/buffered-io.c:iomap_file_buffered_write @touches:fs/ext4/page-io.c:ext4_bio_write_page
Feature: What a mapping stores past EOF in the last page never becomes file data

  A shared mapping covers whole pages, so the bytes between i_size and the end of its
  page can be stored to without a fault. They are not file data: when the file grows,
  by truncate(2) up or by a write past EOF, those bytes must read as zeros. Dave
  Chinner's list against xip_file_fault() in "Add XIP support to ext4" (December 2013) asks how it would "ensure that
  partial blocks at EOF are zeroed correctly". xfs zeroes them when the file grows
  (xfs_setattr_size() and xfs_file_write_checks() call xfs_zero_range()); page-cache
  writeback zeroes the EOF page past i_size before writing it.

  Debian's 6.1 ext4 departs from this rule: ext4_setattr() only calls
  pagecache_isize_extended() when truncate grows a file, and a write past EOF does not
  zero the old EOF page, so the bytes a mapping stored there become file data (through
  DAX on the block at once, through the page cache until writeback). Those scenarios are
  tagged @deviation:ext4-b6; fixtures/conformance/known-deviations.json holds the real
  kernel's transcripts. The rule stands.

  Scenario Outline: On <fs> on <device>, bytes stored past EOF read as zeros after truncate(2) grows the file
    Given <fs> on <device> mounted with <options>
    And a file "f" of 1100 bytes
    When the file is mapped shared for 1 page
    And 0x62 is stored over EOF..EOF+99 through the mapping
    Then the range EOF..EOF+99 reads as 0x62 through the mapping
    And a read of 200 bytes at 1000 returns 100 bytes
    When the file is unmapped
    And the file is truncated to 2 pages
    Then the range 1100..1199 reads as zeros
    And the range 1088..1099 reads as 0x61
    And the file size is 2 pages

    Examples: xfs zeroes the old EOF page
      | fs  | device | options    |
      | xfs | pmem   | dax=always |
      | xfs | brd    | defaults   |

    @deviation:ext4-b6
    Examples: ext4 on 6.1 exposes the stored bytes (known deviation)
      | fs   | device | options    |
      | ext4 | pmem   | dax=always |
      | ext4 | brd    | defaults   |

  Scenario Outline: On <fs> on <device>, bytes stored past EOF read as zeros after a write past EOF grows the file
    Given <fs> on <device> mounted with <options>
    And a file "f" of 1100 bytes
    When the file is mapped shared for 1 page
    And 0x62 is stored over 1100..1199 through the mapping
    And the file is unmapped
    And 1 byte of 0x63 is written at 6000
    Then the range 1100..1199 reads as zeros
    And the range 1200..5999 reads as zeros
    And byte 6000 reads as 0x63

    Examples: xfs zeroes the old EOF page
      | fs  | device | options    |
      | xfs | pmem   | dax=always |
      | xfs | brd    | defaults   |

    @deviation:ext4-b6
    Examples: ext4 on 6.1 exposes the stored bytes (known deviation)
      | fs   | device | options    |
      | ext4 | pmem   | dax=always |
      | ext4 | brd    | defaults   |

  Scenario Outline: On <fs> on <device>, fsync before truncate up: the bytes past EOF still read as zeros
    Given <fs> on <device> mounted with <options>
    And a file "f" of 1100 bytes
    When the file is mapped shared for 1 page
    And 0x62 is stored over 1100..1199 through the mapping
    And the file is unmapped
    And the file is fsynced
    And the file is truncated to 8 KiB
    Then the range 1100..1199 reads as zeros

    Examples: page-cache writeback zeroes the EOF page; xfs zeroes it on truncate
      | fs   | device | options    |
      | ext4 | brd    | defaults   |
      | xfs  | pmem   | dax=always |
      | xfs  | brd    | defaults   |

    @deviation:ext4-b6
    Examples: ext4 DAX has no writeback to zero it (known deviation)
      | fs   | device | options    |
      | ext4 | pmem   | dax=always |
