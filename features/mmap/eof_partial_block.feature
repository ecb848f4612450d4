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

  # Only growing the file zeroes the tail of its EOF page: a preallocation that ends at
  # i_size (vfs_fallocate() mode 0, no new size: ext4_fallocate() and xfs_file_fallocate()
  # set one only when "offset + len > i_size") leaves the bytes a mapping stored past EOF
  # where they are, and the mapping still reads them.
  Scenario Outline: On <fs> on <device>, a preallocation that ends at EOF leaves the bytes stored past EOF alone
    Given <fs> on <device> mounted with <options>
    And a file "f" of 1100 bytes
    When the file is mapped shared for 1 page
    And 0x62 is stored over 1100..1199 through the mapping
    And 1100 bytes are preallocated at 0
    Then the range 1100..1199 reads as 0x62 through the mapping
    And the file size is 1100 bytes

    Examples:
      | fs   | device | options    |
      | ext4 | pmem   | dax=always |
      | ext4 | brd    | defaults   |
      | xfs  | pmem   | dax=always |
      | xfs  | brd    | defaults   |

  # A zero range that ends at i_size zeroes the file's bytes up to it and no further
  # (ext4_zero_partial_blocks(), xfs_free_file_space() with xfs_zero_range(), which clips
  # the range at i_size); on a DAX file nothing else touches the block past EOF.
  Scenario Outline: On <fs> a zero range that ends at EOF leaves the bytes stored past EOF alone
    Given <fs> on pmem mounted with dax=always
    And a file "f" of 1100 bytes
    When the file is mapped shared for 1 page
    And 0x62 is stored over 1100..1199 through the mapping
    And the range 1000..1099 is zeroed
    Then the range 1000..1099 reads as zeros through the mapping
    And the range 1100..1199 reads as 0x62 through the mapping
    And the file size is 1100 bytes

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  # A preallocation past EOF grows the file like truncate(2) up: xfs_file_fallocate()
  # sets the new size with xfs_vn_setattr_size(), and xfs_setattr_size() zeroes from the
  # old EOF with xfs_zero_range(). ext4_alloc_file_blocks() only moves i_size
  # (ext4_update_inode_size()), as for the ext4 rows above that are known deviations on
  # 6.1, so no ext4 row is claimed here.
  Scenario Outline: On xfs on <device>, bytes stored past EOF read as zeros after a preallocation grows the file
    Given xfs on <device> mounted with <options>
    And a file "f" of 1100 bytes
    When the file is mapped shared for 1 page
    And 0x62 is stored over 1100..1199 through the mapping
    And the file is unmapped
    And 1 page is preallocated at 4096
    Then the range 1100..1199 reads as zeros
    And the range 1088..1099 reads as 0x61
    And the file size is 2 pages
    And the extent map shows 4096..8191 as unwritten

    Examples:
      | device | options    |
      | pmem   | dax=always |
      | brd    | defaults   |

  # A write of 0 bytes changes nothing: generic_write_checks() returns 0 and
  # ext4_dax_write_iter(), ext4_buffered_write_iter() and xfs_file_write_checks() return
  # before anything grows i_size or zeroes the old EOF page, wherever the write was asked
  # to start. xfs_io's pwrite makes that one call and reports it.
  Scenario Outline: On <fs> on <device>, a write of 0 bytes past EOF neither grows the file nor zeroes the bytes stored past EOF
    Given <fs> on <device> mounted with <options>
    And a file "f" of 1100 bytes
    When the file is mapped shared for 1 page
    And 0x62 is stored over 1100..1199 through the mapping
    And xfs_io runs on "f":
      """
      pwrite 8192 0
      """
    Then xfs_io prints:
      """
      wrote 0/0 bytes at offset 8192
      XXX Bytes, X ops; XX:XX:XX.X (XXX YYY/sec and XXX ops/sec)
      """
    And the file size is 1100 bytes
    And the range 1100..1199 reads as 0x62 through the mapping

    Examples:
      | fs   | device | options    |
      | ext4 | pmem   | dax=always |
      | ext4 | brd    | defaults   |
      | xfs  | pmem   | dax=always |
      | xfs  | brd    | defaults   |

  # Only a write that starts past EOF zeroes the old EOF page first (xfs_file_write_checks():
  # "if (iocb->ki_pos > isize)"); a write that starts at EOF writes its bytes and leaves
  # the rest of the page, past the new EOF, as the mapping stored it.
  Scenario Outline: On <fs> on <device>, a write at EOF leaves the bytes stored past its end alone
    Given <fs> on <device> mounted with <options>
    And a file "f" of 1100 bytes
    When the file is mapped shared for 1 page
    And 0x62 is stored over 1100..1199 through the mapping
    And 10 bytes of 0x63 are written at 1100
    Then the range 1100..1109 reads as 0x63 through the mapping
    And the range 1110..1199 reads as 0x62 through the mapping
    And the file size is 1110 bytes

    Examples:
      | fs   | device | options    |
      | ext4 | pmem   | dax=always |
      | ext4 | brd    | defaults   |
      | xfs  | pmem   | dax=always |
      | xfs  | brd    | defaults   |
