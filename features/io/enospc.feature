@seed:003 @B9
@touches:fs/ext4/file.c:ext4_dax_write_iter @touches:fs/ext4/inode.c:ext4_iomap_alloc @touches:fs/ext4/balloc.c:ext4_has_free_clusters
@touches:fs/xfs/xfs_iomap.c:xfs_iomap_write_direct @touches:fs/xfs/xfs_file.c:xfs_file_dax_write
@touches:fs/dax.c:dax_iomap_rw @touches:mm/filemap.c:generic_perform_write @touches:fs/ext4/inode.c:ext4_da_write_begin
Feature: A write cut short by ENOSPC returns what it wrote, and i_size covers only that

  When space runs out part way, write(2) returns the bytes it wrote, and i_size covers
  only those: nothing past them is exposed, stale or zero-filled, and the space a failed
  write reserved is given back. In "[RFC] new ->perform_write fop" (May 2010) Nick Piggin and Dave Chinner argue over how a
  write path should handle a copy that fails after space was reserved ("I just much
  prefer to have operations after the copy not able to fail"; Dave: "just decrementing
  counters on errors increases the chances that our error handling will actually work").
  ext4 allocates block by block while space lasts; xfs reserves a whole hole run with
  room for its bmap btree, or nothing (xfs_iomap_write_direct()). A chunk of xfs_io's
  pwrite that gets nothing prints only the error. The file is made before the fill: xfs
  cannot create a file on a full filesystem.

  Scenario Outline: On ext4 on <device>, a 1 MiB write into 10 free blocks writes 10 blocks, and i_size is there
    Given ext4 on <device> mounted with <options>
    And an empty file "f"
    And the filesystem is filled, leaving 10 blocks free
    When 1 MiB of 0x61 is written at 0 in chunks of 1 MiB
    Then the write returns 40 KiB
    And the file size is 40 KiB
    And the range 40 KiB-16..40 KiB-1 reads as 0x61
    And a read of 16 bytes at 40 KiB returns 0 bytes
    And SEEK_HOLE from 0 finds 40 KiB

    Examples:
      | device | options    |
      | pmem   | dax=always |
      | brd    | defaults   |

  Scenario: On ext4 a write that ENOSPC cut short leaves its blocks to the next write after truncate
    Given ext4 on pmem mounted with dax=always
    And an empty file "f"
    And the filesystem is filled, leaving 10 blocks free
    When 1 MiB of 0x61 is written at 0 in chunks of 1 MiB
    And the file is truncated to 0
    And 1 MiB of 0x62 is written at 0 in chunks of 1 MiB
    Then the write returns 40 KiB
    And the file size is 40 KiB
    And the range 0..15 reads as 0x62

  Scenario: A write that ends mid-block at ENOSPC on ext4 covers only the blocks it got
    Given ext4 on pmem mounted with dax=always
    And an empty file "f"
    And the filesystem is filled, leaving 2 blocks free
    When 64 KiB of 0x61 is written at 100 in chunks of 64 KiB
    Then the write returns 8092 bytes
    And the file size is 8 KiB
    And the range 0..99 reads as zeros
    And the range 100..8191 reads as 0x61

  Scenario Outline: With xfs_io's 4 KiB chunks on <fs>, the chunk that gets no space fails whole
    Given <fs> on pmem mounted with dax=always
    And an empty file "f"
    And the filesystem is filled, leaving 6 blocks free
    When 64 KiB of 0x61 is written at 0
    Then the write fails with ENOSPC
    And the file size is <size>
    And a read of 4 KiB at <size> returns 0 bytes

    Examples:
      | fs   | size   |
      | ext4 | 24 KiB |
      | xfs  | 8 KiB  |

  Scenario: xfs reserves a hole run whole or not at all: a 1 MiB write into 8 free blocks gets nothing
    Given xfs on pmem mounted with dax=always
    And an empty file "f"
    And the filesystem is filled, leaving 8 blocks free
    When 1 MiB of 0x61 is written at 0 in chunks of 1 MiB
    Then the write fails with ENOSPC
    And the file size is 0 bytes
    And the file has 0 bytes allocated
    When 8 KiB of 0x62 is written at 0
    And 1 MiB of 0x63 is written at 0 in chunks of 1 MiB
    Then the write returns 8 KiB
    And the file size is 8 KiB
    And the range 0..15 reads as 0x63

  # ext4_alloc_file_blocks() allocates chunk by chunk and moves i_size with each chunk it
  # got; xfs_alloc_file_space() reserves the range up front (xfs_trans_alloc_inode()) and
  # allocates nothing when the reservation fails. Either way the space a failed
  # preallocation reserved is given back.
  Scenario Outline: A preallocation of 64 KiB into 4 free blocks on <fs> fails with ENOSPC and keeps <kept>
    Given <fs> on pmem mounted with dax=always
    And an empty file "f"
    And the filesystem is filled, leaving 4 blocks free
    When xfs_io runs on "f":
      """
      falloc 0 65536
      """
    Then xfs_io prints:
      """
      fallocate: No space left on device
      exit 1
      """
    And the file size is <kept>
    And the file has <kept> allocated

    Examples:
      | fs   | kept    |
      | ext4 | 16 KiB  |
      | xfs  | 0 bytes |

  # A page-cache write on ext4 whose page gets no block (ext4_da_write_begin(),
  # ext4_write_begin()) and reaches past i_size calls ext4_truncate_failed_write(): its
  # ext4_truncate() frees every block past i_size, KEEP_SIZE preallocation too, and
  # ext4_should_retry_alloc() commits the journal so the freed blocks can be used; the
  # write is tried again and gets one of them. The truncate came with b9a4207d5e91
  # ("ext4: Avoid data / filesystem corruption when write fails to copy data", Jan Kara).
  Scenario: On ext4 on brd a write past EOF at ENOSPC gets the blocks the file had preallocated past EOF
    Given ext4 on brd
    And an empty file "f"
    And the filesystem is filled, leaving 7 blocks free
    When xfs_io runs on "f":
      """
      falloc -k 0 29179
      """
    And 1 byte of 0x62 is written at 28672
    Then xfs_io prints:
      """
      fallocate: No space left on device
      exit 1
      """
    And the write returns 1 byte
    And the file size is 28673 bytes
    And byte 28672 reads as 0x62
    And the range 0..15 reads as zeros
    And SEEK_DATA from 0 finds 28672
    And the file has 4 KiB allocated

  # A write over holes and written blocks allocates hole by hole, in file order
  # (iomap_iter() asks ->iomap_begin for one extent at a time), and ext4 takes each
  # hole's blocks while they last. (xfs is left out: its free count after the first
  # allocation also pays for the AG free list, which the model does not follow; on
  # Debian 6.1 with 7 blocks left by the fill, the second write got nothing at all.)
  Scenario: On ext4 a write across a written block at ENOSPC fills the hole before it and gets one of the two blocks after it
    Given ext4 on pmem mounted with dax=always
    And an empty file "f"
    And the filesystem is filled, leaving 3 blocks free
    When 1 page of 0x62 is written at PAGE_SIZE
    And 4 pages of 0x63 are written at 0 in chunks of 4 pages
    Then the write returns 3 pages
    And the file size is 3 pages
    And the range 0..15 reads as 0x63
    And the range 2*PAGE_SIZE-16..2*PAGE_SIZE-1 reads as 0x63
    And a read of 16 bytes at 3 pages returns 0 bytes

  # ext4_zero_range() preallocates the range rounded out to blocks first, with
  # ext4_alloc_file_blocks(), which keeps the chunks it got and moves i_size with them;
  # only then does it zero. xfs_file_fallocate() punches the range and preallocates it
  # with xfs_alloc_file_space(), which reserves it up front and gets nothing.
  Scenario Outline: A zero range of 32 KiB into 4 free blocks on <fs> fails with ENOSPC and keeps <kept>
    Given <fs> on pmem mounted with dax=always
    And an empty file "f"
    And the filesystem is filled, leaving 4 blocks free
    When xfs_io runs on "f":
      """
      fzero 0 32768
      """
    Then xfs_io prints:
      """
      fallocate: No space left on device
      """
    And the file size is <kept>
    And the file has <kept> allocated

    Examples:
      | fs   | kept    |
      | ext4 | 16 KiB  |
      | xfs  | 0 bytes |

  # On a fresh filesystem, nothing filled first: the free space is what mkfs and the mount
  # left root's files. xfs_alloc_file_space() asks xfs_trans_alloc_inode() for the whole
  # range (up to XFS_MAX_BMBT_EXTLEN blocks) before it allocates, so a preallocation bigger
  # than the free space gets nothing; ext4_alloc_file_blocks() takes chunk after chunk
  # until there is none left, so after it the filesystem is full and a write into a hole
  # fails too. (The ext4 device is 64 MiB, one block group, so that the preallocation's
  # extents stay within the 4 the inode holds, whatever the physical layout.)
  Scenario: On a fresh xfs a preallocation bigger than the filesystem fails with ENOSPC and allocates nothing
    Given xfs on pmem mounted with dax=always
    And an empty file "f"
    When xfs_io runs on "f":
      """
      falloc 0 1g
      """
    And 1 page of 0x62 is written at 0
    Then xfs_io prints:
      """
      fallocate: No space left on device
      exit 1
      """
    And the write returns 1 page
    And the file size is 1 page
    And the file has 1 page allocated

  Scenario: On a fresh ext4 a preallocation bigger than the filesystem fills it, and a write into a hole after it fails with ENOSPC
    Given ext4 on pmem mounted with dax=always
    And the device holds 64 MiB
    And a sparse file "f" of 256 MiB
    When xfs_io runs on "f":
      """
      falloc -k 0 128m
      """
    And 1 page of 0x62 is written at 200 MiB
    Then xfs_io prints:
      """
      fallocate: No space left on device
      exit 1
      """
    And the write fails with ENOSPC
    And the file size is 256 MiB
    And the range 200 MiB..200 MiB+15 reads as zeros

  # daxspec_fill ends with sync, so a crash after it finds the filesystem as full as the
  # fill left it: before, the fillers' fallocate could still be in ext4's running
  # transaction when the crash came, and recovery gave the space back (found by daxspec
  # explore on Debian 6.1: a fill, a crash, then a write that did not get ENOSPC).
  Scenario: On ext4 on pmem, the filesystem a fill left with 10 free blocks has 10 after a crash
    Given ext4 on pmem mounted with dax=always
    And an empty file "f"
    And the filesystem is filled, leaving 10 blocks free
    When the system crashes
    And 1 MiB of 0x61 is written at 0 in chunks of 1 MiB
    Then the write returns 40 KiB
    And the file size is 40 KiB

  # For the same reason what was written before the fill is durable after it, fsync or not.
  Scenario: On ext4 on pmem, a write before a fill is in the file after a crash, since the fill syncs
    Given ext4 on pmem mounted with dax=always
    And an empty file "f"
    When 4 KiB of 0x61 is written at 0
    And the filesystem is filled, leaving 10 blocks free
    And the system crashes
    Then the file size is 4 KiB
    And the range 4080..4095 reads as 0x61

