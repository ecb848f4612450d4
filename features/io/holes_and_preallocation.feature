@seed:002 @seed:000 @B8
@touches:fs/dax.c:dax_iomap_rw @touches:fs/dax.c:dax_iomap_iter
@touches:fs/ext4/extents.c:ext4_ext_convert_to_initialized @touches:fs/ext4/extents.c:ext4_fallocate
@touches:fs/xfs/xfs_iomap.c:xfs_iomap_write_unwritten @touches:fs/xfs/xfs_iomap.c:xfs_direct_write_iomap_begin
@touches:fs/iomap/seek.c:iomap_seek_data @touches:fs/iomap/fiemap.c:iomap_fiemap
Feature: Holes and preallocated extents read as zeros, and writes into preallocated extents convert them

  A hole and an unwritten (preallocated) extent both read as zeros. A write into an
  unwritten extent converts the blocks it writes, so they hold the data and fiemap shows
  them written; the rest stays unwritten and still reads as zeros (ext4 may convert more
  around them, zeroing it, within its zeroout window: ext4_ext_convert_to_initialized()).
  DAX I/O never copies through a mapping that is not a real, written block: in the iomap-DAX review of August 2016
  Ross Zwisler on iomap_dax_actor()'s WARN_ON_ONCE(iomap->type != IOMAP_MAPPED): "If we
  hit this we should bail with -EIO, yea? Otherwise we could write to unmapped space";
  and in "Add XIP support to ext4" (December 2013) Dave Chinner asks how the DAX paths "trigger unwritten extent
  conversion". In 6.1 dax_iomap_iter() reads holes and unwritten extents as zeros and
  writes only through IOMAP_MAPPED extents, which the filesystem converts first.

  Scenario Outline: A hole on <fs> on <device> reads as zeros and occupies nothing
    Given <fs> on <device> mounted with <options>
    And a sparse file "f" of 4 pages
    Then the range 4090..4105 reads as zeros
    And the file has 0 bytes allocated
    And the extent map shows 0..4*PAGE_SIZE-1 as a hole
    And SEEK_DATA from 0 finds nothing
    And SEEK_HOLE from 0 finds 0

    Examples:
      | fs   | device | options    |
      | ext4 | pmem   | dax=always |
      | xfs  | pmem   | dax=always |
      | ext4 | brd    | defaults   |
      | xfs  | brd    | defaults   |

  Scenario Outline: A preallocated extent on <fs> on <device> reads as zeros, is allocated, and is unwritten
    Given <fs> on <device> mounted with <options>
    And a preallocated file "f" of 4 pages
    Then the range 8184..8199 reads as zeros
    And the file has 4 pages allocated
    And the extent map shows 0..4*PAGE_SIZE-1 as unwritten
    And the file size is 4 pages

    Examples:
      | fs   | device | options    |
      | ext4 | pmem   | dax=always |
      | xfs  | pmem   | dax=always |
      | ext4 | brd    | defaults   |

  Scenario Outline: A write into a preallocated extent on <fs> converts the block it writes
    Given <fs> on pmem mounted with dax=always
    And a preallocated file "f" of 16 pages
    When 5 bytes of 0x62 are written at 8*PAGE_SIZE+3
    Then the range 8*PAGE_SIZE+3..8*PAGE_SIZE+7 reads as 0x62
    And the range 8*PAGE_SIZE-16..8*PAGE_SIZE+2 reads as zeros
    And the range 8*PAGE_SIZE+8..8*PAGE_SIZE+31 reads as zeros
    And the extent map shows 8*PAGE_SIZE..9*PAGE_SIZE-1 as data
    And the file has 16 pages allocated

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  Scenario: On xfs only the written block of a preallocated extent is converted
    Given xfs on pmem mounted with dax=always
    And a preallocated file "f" of 4 pages
    When 5 bytes of 0x62 are written at PAGE_SIZE+3
    Then the extent map shows 0..PAGE_SIZE-1 as unwritten
    And the extent map shows PAGE_SIZE..2*PAGE_SIZE-1 as data
    And the extent map shows 2*PAGE_SIZE..4*PAGE_SIZE-1 as unwritten
    And SEEK_DATA from 0 finds PAGE_SIZE
    And SEEK_HOLE from PAGE_SIZE finds 2*PAGE_SIZE

  Scenario Outline: A write past EOF on <fs> on <device> leaves a hole between the old EOF and the write
    Given <fs> on <device> mounted with <options>
    And a file "f" of 100 bytes
    When 10 bytes of 0x62 are written at 10000
    Then the range 96..99 reads as 0x61
    And the range 100..4095 reads as zeros
    And the range 9992..9999 reads as zeros
    And the range 10000..10009 reads as 0x62
    And the extent map shows 4096..8191 as a hole
    And SEEK_HOLE from 0 finds 4096
    And SEEK_DATA from 4096 finds 8192

    Examples:
      | fs   | device | options    |
      | ext4 | pmem   | dax=always |
      | xfs  | pmem   | dax=always |
      | ext4 | brd    | defaults   |
      | xfs  | brd    | defaults   |

  Scenario Outline: Reads stop at EOF on <fs>: short at EOF-1, nothing at EOF or past it
    Given <fs> on pmem mounted with dax=always
    And a file "f" of 4090 bytes
    Then a read of 16 bytes at EOF-1 returns 1 byte
    And a read of 16 bytes at EOF returns 0 bytes
    And a read of 1 byte at EOF+1 returns 0 bytes
    And a read of 16 bytes at 0 returns 16 bytes

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  Scenario: ext2 cannot preallocate: its files have no unwritten extents
    Given ext2 on pmem mounted with dax
    And an empty file "f"
    When xfs_io runs on "f":
      """
      falloc 0 4096
      fzero 0 4096
      stat
      """
    Then xfs_io prints:
      """
      fallocate: Operation not supported
      fallocate: Operation not supported
      fd.path = "SCRATCH_MNT/f"
      fd.flags = non-sync,non-direct,read-write
      stat.ino = 12
      stat.type = regular file
      stat.size = 0
      stat.blocks = 0
      exit 1
      """

  Scenario Outline: On ext4 a write into page <page> of a 16-page preallocated extent converts <converted>
    Given ext4 on pmem mounted with dax=always
    And a preallocated file "f" of 16 pages
    When 5 bytes of 0x62 are written at <page>*PAGE_SIZE+3
    Then the extent map shows <data> as data
    And the extent map shows <unwritten> as unwritten
    And the range <page>*PAGE_SIZE+3..<page>*PAGE_SIZE+7 reads as 0x62
    And the range 0..15 reads as zeros
    And the range 16*PAGE_SIZE-16..16*PAGE_SIZE-1 reads as zeros

    Examples: the zeroout window is 32 KiB, 8 blocks: what is left of the extent, or what is before the write
      | page | converted                           | data                         | unwritten                   |
      | 8    | the 8 pages to the extent's end     | 8*PAGE_SIZE..16*PAGE_SIZE-1  | 0..8*PAGE_SIZE-1            |
      | 5    | the 6 pages from the extent's start | 0..6*PAGE_SIZE-1             | 6*PAGE_SIZE..16*PAGE_SIZE-1 |
      | 15   | its last page alone                 | 15*PAGE_SIZE..16*PAGE_SIZE-1 | 0..15*PAGE_SIZE-1           |

  Scenario: On ext4 a write into a preallocated extent past EOF converts the block it writes and nothing around it
    Given ext4 on pmem mounted with dax=always
    And an empty file "f"
    When 16 pages are preallocated at 0 keeping the size
    And 5 bytes of 0x62 are written at 2*PAGE_SIZE+3
    Then the extent map shows 0..2*PAGE_SIZE-1 as unwritten
    And the extent map shows 2*PAGE_SIZE..3*PAGE_SIZE-1 as data
    And the extent map shows 3*PAGE_SIZE..16*PAGE_SIZE-1 as unwritten
    And the file size is 2*PAGE_SIZE+8

  # ext4_punch_hole(): "No need to punch hole beyond i_size"; xfs_free_file_space() frees
  # the blocks of the range wherever EOF is, so a KEEP_SIZE preallocation past EOF goes.
  Scenario Outline: A hole punched past EOF on <fs> on <device> <frees>
    Given <fs> on <device> mounted with <options>
    And a file "f" of 4 pages
    When 4 pages are preallocated at 4*PAGE_SIZE keeping the size
    And a hole is punched over 4*PAGE_SIZE..8*PAGE_SIZE-1
    Then the file has <allocated> allocated
    And the file size is 4 pages
    And the extent map shows 0..4*PAGE_SIZE-1 as data

    Examples:
      | fs   | device | options    | frees                                    | allocated |
      | ext4 | pmem   | dax=always | frees nothing: ext4 punches within i_size | 8 pages   |
      | ext4 | brd    | defaults   | frees nothing: ext4 punches within i_size | 8 pages   |
      | xfs  | pmem   | dax=always | frees the preallocated blocks there       | 4 pages   |

  # FALLOC_FL_ZERO_RANGE: ext4_zero_range() converts the whole blocks of the range to
  # unwritten extents (EXT4_GET_BLOCKS_CONVERT_UNWRITTEN) and zeroes the partial blocks at
  # its edges in place; xfs_file_fallocate() punches the range and preallocates it rounded
  # out to blocks, which leaves the edge blocks allocated and written.
  Scenario Outline: A range zeroed over written blocks on <fs> on <device> leaves its whole blocks unwritten and its edge blocks written
    Given <fs> on <device> mounted with <options>
    And a file "f" of 4 pages
    When the range 4000..12387 is zeroed
    Then the extent map shows 4096..12287 as unwritten
    And the extent map shows 0..4095 as data
    And the extent map shows 12288..16383 as data
    And byte 3999 reads as 0x61
    And the range 4000..4095 reads as zeros
    And the range 12272..12387 reads as zeros
    And byte 12388 reads as 0x61
    And the file size is 4 pages

    Examples:
      | fs   | device | options    |
      | ext4 | pmem   | dax=always |
      | xfs  | pmem   | dax=always |
      | ext4 | brd    | defaults   |

  Scenario Outline: A range past EOF on <fs> <zeroed> is preallocated, and i_size is <size>
    Given <fs> on pmem mounted with dax=always
    And a file "f" of 1 page
    When the range 2*PAGE_SIZE..3*PAGE_SIZE-1 is <zeroed>
    Then the file size is <size>
    And the extent map shows 2*PAGE_SIZE..3*PAGE_SIZE-1 as unwritten
    And the extent map shows PAGE_SIZE..2*PAGE_SIZE-1 as a hole
    And the file has 2 pages allocated

    Examples:
      | fs   | zeroed                  | size    |
      | ext4 | zeroed                  | 3 pages |
      | ext4 | zeroed keeping the size | 1 page  |
      | xfs  | zeroed                  | 3 pages |
      | xfs  | zeroed keeping the size | 1 page  |

  # ext4_setattr(): "Call ext4_truncate() even if i_size didn't change to truncate
  # possible preallocated blocks"; xfs_setattr_size() calls xfs_itruncate_extents() when
  # the new size is not larger. So a truncate to the file's own size frees a KEEP_SIZE
  # preallocation past EOF.
  Scenario Outline: A truncate on <fs> on <device> to the file's own size frees the blocks preallocated past EOF
    Given <fs> on <device> mounted with <options>
    And a file "f" of 4 pages
    When 4 pages are preallocated at 4*PAGE_SIZE keeping the size
    And the file is truncated to 4*PAGE_SIZE
    Then the file has 4 pages allocated
    And the file size is 4 pages

    Examples:
      | fs   | device | options    |
      | ext4 | pmem   | dax=always |
      | xfs  | pmem   | dax=always |
      | ext4 | brd    | defaults   |

  # ext4_punch_hole(): "If the hole extends beyond i_size, set the hole to end after the
  # page that contains i_size" (length = i_size + PAGE_SIZE - (i_size & (PAGE_SIZE - 1)) -
  # offset): with a page-aligned i_size that is one page past EOF, so of a KEEP_SIZE
  # preallocation past EOF the first page's block is freed and the rest stay.
  # xfs_free_file_space() frees the whole range, wherever EOF is.
  Scenario Outline: A hole punched from inside EOF to past it on <fs> on <device> frees <freed>
    Given <fs> on <device> mounted with <options>
    And a file "f" of 4 pages
    When 4 pages are preallocated at 4*PAGE_SIZE keeping the size
    And a hole is punched over 2*PAGE_SIZE..8*PAGE_SIZE-1
    Then the file has <allocated> allocated
    And the file size is 4 pages
    And the extent map shows 0..2*PAGE_SIZE-1 as data
    And the extent map shows 2*PAGE_SIZE..5*PAGE_SIZE-1 as a hole
    And the extent map shows 5*PAGE_SIZE..8*PAGE_SIZE-1 as <past>
    And the range 2*PAGE_SIZE..4*PAGE_SIZE-1 reads as zeros

    Examples:
      | fs   | device | options    | freed                                      | allocated | past      |
      | ext4 | pmem   | dax=always | up to one page past EOF, not the rest      | 5 pages   | unwritten |
      | ext4 | brd    | defaults   | up to one page past EOF, not the rest      | 5 pages   | unwritten |
      | xfs  | pmem   | dax=always | the whole range, preallocation past EOF too | 2 pages   | a hole    |
      | xfs  | brd    | defaults   | the whole range, preallocation past EOF too | 2 pages   | a hole    |
