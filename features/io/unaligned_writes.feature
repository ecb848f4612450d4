@seed:004 @B1
@touches:fs/dax.c:dax_iomap_rw @touches:fs/dax.c:dax_iomap_iter
@touches:fs/ext4/file.c:ext4_dax_write_iter @touches:fs/xfs/xfs_file.c:xfs_file_dax_write
@touches:fs/iomap/buffered-io.c:iomap_file_buffered_write
Feature: A write lands at the offset it was aimed at, whatever the offset

  pwrite(2) at an offset that is not page aligned puts its bytes at that offset, and
  leaves the bytes around them alone. In 2.6.24-rc the XIP write path,
  __xip_file_write(), copied each page's part of a write to the start of the page
  (kaddr instead of kaddr + offset): Nick Piggin found the corruption by running XIP on
  brd, and Christian Borntraeger traced it to 4a9e5ef1f4f1 ("mm: write iovec cleanup")
  ("mm: fix XIP file writes", December 2007). In 6.1 a DAX write goes through dax_iomap_rw()
  and dax_iomap_iter(); a page-cache write through iomap (xfs) or ext4's write_begin.
  A file made by a Given step holds 0x61 and is fsynced.

  Scenario Outline: Overwriting <length> at offset <offset> on <fs> on <device> changes those bytes and no others
    Given <fs> on <device> mounted with <options>
    And a file "f" of 3 pages
    When <length> of 0x62 are written at <offset>
    Then the range <offset>..<offset>+<length>-1 reads as 0x62
    And byte <offset>-1 reads as 0x61
    And byte <offset>+<length> reads as 0x61
    And the file size is 3 pages

    Examples: DAX
      | fs   | device | options    | offset        | length     |
      | ext4 | pmem   | dax=always | 1             | 100 bytes  |
      | ext4 | pmem   | dax=always | 100           | 1000 bytes |
      | ext4 | pmem   | dax=always | PAGE_SIZE-1   | 2 bytes    |
      | ext4 | pmem   | dax=always | PAGE_SIZE     | 100 bytes  |
      | ext4 | pmem   | dax=always | PAGE_SIZE+1   | 100 bytes  |
      | ext4 | pmem   | dax=always | 4090          | 3000 bytes |
      | xfs  | pmem   | dax=always | 100           | 1000 bytes |
      | xfs  | pmem   | dax=always | PAGE_SIZE-1   | 2 bytes    |
      | xfs  | pmem   | dax=always | 2*PAGE_SIZE+7 | 9 bytes    |
      | ext2 | pmem   | dax        | 100           | 1000 bytes |

    Examples: page cache
      | fs   | device | options  | offset      | length     |
      | ext4 | brd    | defaults | 100         | 1000 bytes |
      | ext4 | brd    | defaults | PAGE_SIZE-1 | 2 bytes    |
      | xfs  | brd    | defaults | 100         | 1000 bytes |

  Scenario Outline: A write at offset 0 on <fs> on <device> lands at offset 0
    Given <fs> on <device> mounted with <options>
    And a file "f" of 1 page
    When 100 bytes of 0x62 are written at 0
    Then the range 0..99 reads as 0x62
    And the range 100..PAGE_SIZE-1 reads as 0x61

    Examples:
      | fs   | device | options    |
      | ext4 | pmem   | dax=always |
      | xfs  | brd    | defaults   |

  Scenario Outline: A write past EOF at offset <offset> on <fs> on <device> leaves zeros before it
    Given <fs> on <device> mounted with <options>
    And an empty file "f"
    When 100 bytes of 0x62 are written at <offset>
    Then the range <offset>..<offset>+99 reads as 0x62
    And the range 0..<offset>-1 reads as zeros
    And the file size is <offset>+100

    Examples:
      | fs   | device | options    | offset      |
      | ext4 | pmem   | dax=always | 100         |
      | ext4 | pmem   | dax=always | PAGE_SIZE+1 |
      | xfs  | pmem   | dax=always | 100         |
      | xfs  | brd    | defaults   | 100         |
