@seed:002
@touches:fs/dax.c:dax_iomap_iter @touches:mm/filemap.c:generic_perform_write
@touches:fs/ext4/extents.c:ext4_ext_convert_to_initialized @touches:fs/xfs/xfs_iomap.c:xfs_iomap_write_unwritten
Feature: A write of zeros is a write like any other: it overwrites, allocates and converts

  Nothing in the write path looks at the bytes: dax_iomap_iter() copies them to the
  blocks with dax_copy_from_iter(), generic_perform_write() to the page cache with
  copy_page_from_iter_atomic(). A write of zeros replaces what the range held, keeps the
  blocks it overwrites allocated and written (SEEK_HOLE does not find them), allocates a
  block over a hole, and converts the blocks of an unwritten extent it writes, as DAX I/O
  writes only through a real, written block (Ross Zwisler on the iomap DAX draft, August
  2016). Only fallocate (FALLOC_FL_PUNCH_HOLE, FALLOC_FL_ZERO_RANGE) gives blocks back or
  makes them unwritten. The zeros reach the device: after a remount they still read as
  zeros, not as the bytes they replaced.

  Scenario Outline: On <fs> on <device> a write of zeros across a page boundary replaces the data and keeps the blocks
    Given <fs> on <device> mounted with <options>
    And a file "f" of 4 pages
    When 100 bytes of 0x00 are written at PAGE_SIZE-50
    Then the range PAGE_SIZE-66..PAGE_SIZE-51 reads as 0x61
    And the range PAGE_SIZE-50..PAGE_SIZE+49 reads as zeros
    And the range PAGE_SIZE+50..PAGE_SIZE+65 reads as 0x61
    And the file size is 4 pages
    And the file has 4 pages allocated
    And SEEK_HOLE from 0 finds 4*PAGE_SIZE

    Examples:
      | fs   | device | options    |
      | ext4 | pmem   | dax=always |
      | xfs  | pmem   | dax=always |
      | ext4 | brd    | defaults   |
      | xfs  | brd    | defaults   |
      | ext2 | brd    | defaults   |

  Scenario Outline: On <fs> on <device> a page of zeros written over a hole allocates its block
    Given <fs> on <device> mounted with <options>
    And a sparse file "f" of 4 pages
    When 1 page of 0x00 is written at 2*PAGE_SIZE
    And the file is fsynced
    Then the range 2*PAGE_SIZE..3*PAGE_SIZE-1 reads as zeros
    And the file has 1 page allocated
    And SEEK_DATA from 0 finds 2*PAGE_SIZE
    And SEEK_HOLE from 2*PAGE_SIZE finds 3*PAGE_SIZE

    Examples:
      | fs   | device | options    |
      | ext4 | pmem   | dax=always |
      | xfs  | pmem   | dax=always |
      | ext4 | brd    | defaults   |

  Scenario Outline: On <fs> a page of zeros written into a preallocated extent converts its block
    Given <fs> on pmem mounted with dax=always
    And a preallocated file "f" of 16 pages
    When 1 page of 0x00 is written at 8*PAGE_SIZE
    Then the range 8*PAGE_SIZE..9*PAGE_SIZE-1 reads as zeros
    And the extent map shows 8*PAGE_SIZE..9*PAGE_SIZE-1 as data
    And the file has 16 pages allocated

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  Scenario Outline: On <fs> on <device> zeros written over data read as zeros after a remount
    Given <fs> on <device> mounted with <options>
    And a file "f" of 4 pages
    When 2 pages of 0x00 are written at PAGE_SIZE+100
    And the filesystem is unmounted and mounted again
    Then the range PAGE_SIZE+84..PAGE_SIZE+99 reads as 0x61
    And the range PAGE_SIZE+100..3*PAGE_SIZE+99 reads as zeros
    And the range 3*PAGE_SIZE+100..3*PAGE_SIZE+115 reads as 0x61
    And the file has 4 pages allocated

    Examples:
      | fs   | device | options    |
      | ext4 | pmem   | dax=always |
      | xfs  | pmem   | dax=always |
      | ext4 | brd    | defaults   |
      | xfs  | brd    | defaults   |
