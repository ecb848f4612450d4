@seed:002 @B8
@touches:fs/dax.c:dax_zero_range @touches:fs/dax.c:dax_iomap_rw
@touches:fs/ext4/inode.c:ext4_setattr @touches:fs/xfs/xfs_iops.c:xfs_setattr_size
@touches:fs/ext4/ialloc.c:__ext4_new_inode @touches:fs/xfs/xfs_ialloc.c:xfs_dialloc
Feature: After a clean unmount and mount, holes and zeroed ranges still read as zeros, and new inodes follow the old ones

  A mount finds only what is on the device. DAX I/O must not read through a mapping that
  is not a real, written block (Ross Zwisler on the iomap DAX draft, August 2016): a block
  a truncate freed is a hole however the device's bytes there were left, and stays one
  after a remount. What a DAX zero range zeroes it zeroes on the device, where a later
  mount reads it (dax_zero_range() writes zeros to pmem through the direct mapping; there is
  no page cache to write back). And the inode allocator starts from what is on disk: the
  next file after a remount takes the inode after the last one in use, as it would have
  without the remount (ext4's inode bitmap, xfs's inode chunk records).

  Scenario Outline: On <fs> on <device>, a range zeroed in the middle of blocks reads as zeros after a remount
    Given <fs> on <device> mounted with <options>
    And a file "f" of 4 pages
    When the range 100..2*PAGE_SIZE+99 is zeroed
    And the filesystem is unmounted and mounted again
    Then the range 96..99 reads as 0x61
    And the range 100..2*PAGE_SIZE+99 reads as zeros
    And the range 2*PAGE_SIZE+100..2*PAGE_SIZE+115 reads as 0x61
    And the file size is 4 pages

    Examples:
      | fs   | device | options    |
      | ext4 | pmem   | dax=always |
      | xfs  | pmem   | dax=always |
      | ext4 | brd    | defaults   |

  Scenario Outline: On <fs> on <device>, blocks a truncate freed read as zeros after a remount, beside a block written again
    Given <fs> on <device> mounted with <options>
    And a file "f" of 8 pages
    When the file is truncated to 0
    And 1 page of 0x62 is written at PAGE_SIZE
    And the file is truncated to 8*PAGE_SIZE
    And the filesystem is unmounted and mounted again
    Then the range 0..PAGE_SIZE-1 reads as zeros
    And the range PAGE_SIZE..2*PAGE_SIZE-1 reads as 0x62
    And the range 2*PAGE_SIZE..8*PAGE_SIZE-1 reads as zeros
    And the extent map shows 2*PAGE_SIZE..8*PAGE_SIZE-1 as a hole
    And the file size is 8 pages

    Examples:
      | fs   | device | options    |
      | ext4 | pmem   | dax=always |
      | xfs  | pmem   | dax=always |
      | ext4 | brd    | defaults   |
      | xfs  | brd    | defaults   |

  Scenario Outline: On <fs>, the file created after a remount takes inode <ino>, the one after the first file's
    Given <fs> on pmem mounted with dax=always
    And an empty file "f"
    When the filesystem is unmounted and mounted again
    And an empty file "g"
    And xfs_io runs on "g":
      """
      stat
      """
    Then xfs_io prints:
      """
      fd.path = "SCRATCH_MNT/g"
      fd.flags = non-sync,non-direct,read-write
      stat.ino = <ino>
      stat.type = regular file
      stat.size = 0
      stat.blocks = 0
      """

    Examples:
      | fs   | ino |
      | ext4 | 13  |

  Scenario: On xfs, the file created after a remount takes inode 132, the one after the first file's
    Given xfs on pmem mounted with dax=always
    And an empty file "f"
    When the filesystem is unmounted and mounted again
    And an empty file "g"
    And xfs_io runs on "g":
      """
      stat
      """
    Then xfs_io prints:
      """
      fd.path = "SCRATCH_MNT/g"
      fd.flags = non-sync,non-direct,read-write
      stat.ino = 132
      stat.type = regular file
      stat.size = 0
      stat.blocks = 0
      fsxattr.xflags = 0x0 [-----------------]
      fsxattr.projid = 0
      fsxattr.extsize = 0
      fsxattr.cowextsize = 0
      fsxattr.nextents = X
      fsxattr.naextents = 0
      dioattr.mem = 0x200
      dioattr.miniosz = 512
      dioattr.maxiosz = 2147483136
      """

  # The write gets a block zeroed on the device (12735f881952, "ext4: pre-zero allocated
  # blocks for DAX IO", Jan Kara, 2016; xfs_iomap_write_direct() with XFS_BMAPI_ZERO), or
  # through the page cache a page zeroed around what it wrote, which writeback puts there.
  Scenario Outline: On <fs> on <device>, the rest of a block a write allocated where a truncate freed one reads as zeros after a remount
    Given <fs> on <device> mounted with <options>
    And a file "f" of 4 pages
    When the file is truncated to 100
    And 5 bytes of 0x62 are written at 2*PAGE_SIZE+100
    And the filesystem is unmounted and mounted again
    Then the range 100..2*PAGE_SIZE+99 reads as zeros
    And the range 2*PAGE_SIZE+100..2*PAGE_SIZE+104 reads as 0x62
    And the file size is 2*PAGE_SIZE+105
    And the file is <dax>

    Examples:
      | fs   | device | options    | dax     |
      | ext4 | pmem   | dax=always | DAX     |
      | xfs  | pmem   | dax=always | DAX     |
      | ext4 | brd    | defaults   | not DAX |
      | xfs  | brd    | defaults   | not DAX |

  # ext4_ext_convert_to_initialized() converts up to its zeroout window around a write into
  # an unwritten extent and writes zeros to the blocks it converted and the write did not
  # cover (ext4_ext_zeroout()); on DAX the zeros go to the device, where the next mount reads them.
  Scenario: On ext4 on pmem the blocks a write's zeroout converted read as zeros after a remount, whatever they held before
    Given ext4 on pmem mounted with dax=always
    And a file "f" of 8 pages
    When the file is truncated to 0
    And 8 pages are preallocated at 0
    And 5 bytes of 0x62 are written at 5*PAGE_SIZE+3
    And the filesystem is unmounted and mounted again
    Then the range 0..5*PAGE_SIZE+2 reads as zeros
    And the range 5*PAGE_SIZE+3..5*PAGE_SIZE+7 reads as 0x62
    And the range 5*PAGE_SIZE+8..8*PAGE_SIZE-1 reads as zeros
