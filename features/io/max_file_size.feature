@seed:003 @B9
@touches:mm/filemap.c:generic_write_check_limits @touches:fs/attr.c:inode_newsize_ok
@touches:fs/ext4/super.c:ext4_max_bitmap_size @touches:fs/ext4/super.c:ext4_max_size
Feature: A file grows no further than s_maxbytes: a write reaching past it is cut short there

  Each filesystem has a largest file size, s_maxbytes. A write that starts at it fails
  with EFBIG; one that reaches past it is cut short at it and returns the bytes below it,
  and i_size covers only those, as for a write cut short by ENOSPC (Nick Piggin and Dave
  Chinner, "[RFC] new ->perform_write fop", linux-kernel, May 2010: the bytes written
  are returned, nothing past them is exposed). A truncate past it fails with EFBIG, one
  to it succeeds. In 6.1 generic_write_check_limits() cuts the write and
  inode_newsize_ok() refuses the truncate. For a block-mapped file, as ext2 has (mke2fs sets no huge_file), the ext4
  driver's ext4_max_bitmap_size() takes the smaller of what the direct and three
  indirect levels address and what i_blocks, 512-byte sectors in 32 bits, can count with
  the indirect blocks themselves; with 1 KiB blocks the indirect levels are the limit,
  with 4 KiB blocks i_blocks is. An extent-mapped ext4 file reaches logical block 2^32-1
  (ext4_max_size() with huge_file). i_blocks counts a block-mapped file's indirect blocks
  with its data: one single-indirect block for blocks 12 to 12+ppb-1 (ppb, pointers a
  block: 256 with 1 KiB blocks), and one block for each pointer block of the double and
  triple indirect trees that has a mapped block below it (fs/ext4/indirect.c).

  Scenario Outline: An ext2 file with <block> blocks ends at <max> bytes
    Given ext2 on brd
    And the filesystem has <block> blocks
    And an empty file "f"
    When xfs_io runs on "f":
      """
      pwrite <max> 1
      pwrite <below> 4
      truncate <past>
      truncate <max>
      stat
      """
    Then xfs_io prints:
      """
      pwrite: File too large
      ftruncate: File too large
      wrote 2/4 bytes at offset <below>
      XXX Bytes, X ops; XX:XX:XX.X (XXX YYY/sec and XXX ops/sec)
      fd.path = "SCRATCH_MNT/f"
      fd.flags = non-sync,non-direct,read-write
      stat.ino = 12
      stat.type = regular file
      stat.size = <max>
      stat.blocks = <sectors>
      exit 1
      """

    Examples:
      | block | max           | below         | past          | sectors |
      | 1 KiB | 17247252480   | 17247252478   | 17247252481   | 8       |
      | 4 KiB | 2196873666560 | 2196873666558 | 2196873666561 | 32      |

  Scenario Outline: On ext2 with 1 KiB blocks, one byte at block <block> takes <sectors> sectors with the indirect blocks above it
    Given ext2 on brd
    And the filesystem has 1 KiB blocks
    And an empty file "f"
    When 1 byte of 0x61 is written at <block>*1024
    Then the file has <sectors>*512 bytes allocated

    Examples: 12 direct blocks, 256 pointers a block
      | block | sectors |
      | 11    | 2       |
      | 12    | 4       |
      | 267   | 4       |
      | 268   | 6       |
      | 524   | 6       |
      | 65803 | 6       |
      | 65804 | 8       |

  Scenario: On ext2 with 1 KiB blocks, blocks under the same indirect blocks share them
    Given ext2 on brd
    And the filesystem has 1 KiB blocks
    And an empty file "f"
    When 1 byte of 0x61 is written at 11*1024
    And 1 byte of 0x61 is written at 12*1024
    And 1 byte of 0x61 is written at 268*1024
    And 1 byte of 0x61 is written at 524*1024
    And 1 byte of 0x61 is written at 65804*1024
    Then the file has 24*512 bytes allocated

  # Before f17722f917b2 ("ext4: Fix max file size and logical block counting of extent
  # format file", Lukas Czerner, 6 Jun 2011) s_maxbytes was one block larger, and a write
  # to the last block hit BUG_ON in ext4_ext_put_gap_in_cache() (xfstests generic/308).
  Scenario: An extent-mapped ext4 file with 4 KiB blocks ends before logical block 2^32-1, at 17592186040320 bytes
    Given ext4 on brd
    And an empty file "f"
    When xfs_io runs on "f":
      """
      pwrite 17592186040320 1
      pwrite 17592186040318 4
      truncate 17592186040321
      truncate 17592186040320
      stat
      """
    Then xfs_io prints:
      """
      pwrite: File too large
      ftruncate: File too large
      wrote 2/4 bytes at offset 17592186040318
      XXX Bytes, X ops; XX:XX:XX.X (XXX YYY/sec and XXX ops/sec)
      fd.path = "SCRATCH_MNT/f"
      fd.flags = non-sync,non-direct,read-write
      stat.ino = 12
      stat.type = regular file
      stat.size = 17592186040320
      stat.blocks = 8
      exit 1
      """

  # vfs_fallocate(): "if (offset < 0 || len <= 0) return -EINVAL;" and "if (((offset + len)
  # > inode->i_sb->s_maxbytes) || ((offset + len) < 0)) return -EFBIG;": a preallocation
  # may end exactly at s_maxbytes, not a byte past it.
  Scenario: On ext4 with 4 KiB blocks a preallocation may end at s_maxbytes, not past it, and may not be empty
    Given ext4 on pmem mounted with dax=always
    And an empty file "f"
    When xfs_io runs on "f":
      """
      falloc -k 0 0
      falloc -k 17592186036224 4097
      falloc -k 17592186036224 4096
      """
    Then xfs_io prints:
      """
      fallocate: Invalid argument
      fallocate: File too large
      exit 1
      """
    And the file has 1 page allocated
    And the file size is 0 bytes
