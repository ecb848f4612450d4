@seed:002 @B8
@touches:fs/iomap/seek.c:iomap_seek_data @touches:fs/iomap/seek.c:iomap_seek_hole
@touches:mm/filemap.c:mapping_seek_hole_data @touches:fs/xfs/xfs_ioctl.c:xfs_fill_fsxattr
@touches:fs/xfs/xfs_iops.c:xfs_vn_getattr @touches:fs/xfs/xfs_file.c:xfs_file_fallocate
@touches:fs/ext4/inode.c:ext4_setattr @touches:fs/xfs/xfs_iops.c:xfs_setattr_size
Feature: What lseek, stat and FS_IOC_FSGETXATTR report about a file's blocks

  The calls that report a file's layout follow its blocks, not its bytes. lseek(2) with
  SEEK_DATA or SEEK_HOLE at or past EOF fails with ENXIO, and EOF is a hole: SEEK_HOLE
  inside the last data block finds i_size, not the block's end (iomap_seek_hole() and
  iomap_seek_data() in 6.1 return -ENXIO for an offset at or past i_size, as ext4's and
  xfs's own implementations did before them). An unwritten extent is a hole to SEEK_DATA
  unless the page cache holds data over it: a buffered write that has not been written
  back is data (mapping_seek_hole_data(), called for IOMAP_UNWRITTEN). DAX I/O must not
  read through a mapping that is not a real, written block (Ross Zwisler on the iomap DAX
  draft, August 2016), so a block a truncate freed is a hole, and when a later write
  allocates it again, what it held before reads as zeros. On xfs, fallocate marks the
  inode XFS_DIFLAG_PREALLOC, which FS_IOC_FSGETXATTR reports as FS_XFLAG_PREALLOC
  (xfs_file_fallocate() with xfs_update_prealloc_flags(); xfs_fill_fsxattr()), and
  st_blksize is max(PAGE_SIZE, block size) (xfs_stat_blksize()). mkfs.xfs puts the root
  directory, the realtime bitmap and summary inodes in the first inode chunk, so the first
  file of a fresh filesystem takes the chunk's fourth inode: 131 with 4 KiB blocks, whose
  chunk starts at AG block 16, and 67 with 1 KiB blocks, at AG block 32 (512-byte inodes).

  Scenario Outline: On <fs> on <device> SEEK_DATA at EOF finds nothing and SEEK_HOLE inside the last block finds EOF
    Given <fs> on <device> mounted with <options>
    And a file "f" of 100 bytes
    Then SEEK_DATA from 100 finds nothing
    And SEEK_DATA from 99 finds 99
    And SEEK_HOLE from 50 finds 100
    And SEEK_HOLE from 0 finds 100

    Examples:
      | fs   | device | options    |
      | ext4 | pmem   | dax=always |
      | xfs  | pmem   | dax=always |
      | ext4 | brd    | defaults   |
      | xfs  | brd    | defaults   |

  Scenario Outline: On <fs> on brd a buffered write into a preallocated extent is data to SEEK_DATA before writeback
    Given <fs> on brd
    And a preallocated file "f" of 4 pages
    When 1 page of 0x62 is written at 2*PAGE_SIZE
    Then SEEK_DATA from 0 finds 2*PAGE_SIZE
    And SEEK_HOLE from 2*PAGE_SIZE finds 3*PAGE_SIZE
    And SEEK_DATA from 3*PAGE_SIZE finds nothing

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  Scenario Outline: Blocks a truncate on <fs> on <device> freed read as zeros when a write allocates them again
    Given <fs> on <device> mounted with <options>
    And a file "f" of 4 pages
    When the file is truncated to 100
    And 5 bytes of 0x62 are written at 2*PAGE_SIZE+100
    Then the range 96..99 reads as 0x61
    And the range 100..2*PAGE_SIZE+99 reads as zeros
    And the range 2*PAGE_SIZE+100..2*PAGE_SIZE+104 reads as 0x62
    And the extent map shows PAGE_SIZE..2*PAGE_SIZE-1 as a hole
    And the file size is 2*PAGE_SIZE+105

    Examples:
      | fs   | device | options    |
      | ext4 | pmem   | dax=always |
      | xfs  | pmem   | dax=always |
      | ext4 | brd    | defaults   |
      | xfs  | brd    | defaults   |

  Scenario: On xfs on pmem a preallocated file is FS_XFLAG_PREALLOC, the first file's inode is 131, and st_blksize is a page
    Given xfs on pmem mounted with dax=always
    And an empty file "f"
    When xfs_io runs on "f":
      """
      falloc 0 16k
      stat
      statx -r
      """
    Then xfs_io prints:
      """
      fd.path = "SCRATCH_MNT/f"
      fd.flags = non-sync,non-direct,read-write
      stat.ino = 131
      stat.type = regular file
      stat.size = 16384
      stat.blocks = 32
      fsxattr.xflags = 0x2 [-p---------------]
      fsxattr.projid = 0
      fsxattr.extsize = 0
      fsxattr.cowextsize = 0
      fsxattr.nextents = X
      fsxattr.naextents = 0
      dioattr.mem = 0x200
      dioattr.miniosz = 512
      dioattr.maxiosz = 2147483136
      stat.mask = 0x1fff
      stat.blksize = 4096
      stat.attributes = 0x200000
      stat.nlink = 1
      stat.uid = 0
      stat.gid = 0
      stat.mode: 0100600
      stat.ino = 131
      stat.size = 16384
      stat.blocks = 32
      stat.attributes_mask = 0x203070
      stat.atime.tv_sec = X
      stat.atime.tv_nsec = X
      stat.btime.tv_sec = X
      stat.btime.tv_nsec = X
      stat.ctime.tv_sec = X
      stat.ctime.tv_nsec = X
      stat.mtime.tv_sec = X
      stat.mtime.tv_nsec = X
      stat.rdev_major = 0
      stat.rdev_minor = 0
      stat.dev_major = X
      stat.dev_minor = X
      """

  Scenario: On xfs on brd with 1 KiB blocks the first file's inode is 67, st_blksize is still a page, and a file never preallocated has no xflags
    Given xfs on brd
    And the filesystem has 1 KiB blocks
    And an empty file "f"
    When xfs_io runs on "f":
      """
      stat
      statx -r
      """
    Then xfs_io prints:
      """
      fd.path = "SCRATCH_MNT/f"
      fd.flags = non-sync,non-direct,read-write
      stat.ino = 67
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
      stat.mask = 0x1fff
      stat.blksize = 4096
      stat.attributes = 0x0
      stat.nlink = 1
      stat.uid = 0
      stat.gid = 0
      stat.mode: 0100600
      stat.ino = 67
      stat.size = 0
      stat.blocks = 0
      stat.attributes_mask = 0x203070
      stat.atime.tv_sec = X
      stat.atime.tv_nsec = X
      stat.btime.tv_sec = X
      stat.btime.tv_nsec = X
      stat.ctime.tv_sec = X
      stat.ctime.tv_nsec = X
      stat.mtime.tv_sec = X
      stat.mtime.tv_nsec = X
      stat.rdev_major = 0
      stat.rdev_minor = 0
      stat.dev_major = X
      stat.dev_minor = X
      """

  # xfs_bmap_add_extent_hole_real() converts the data fork from extents to a btree
  # (xfs_bmap_extents_to_btree()) when a new record no longer fits in the inode: 336 bytes
  # of literal area in a 512-byte v5 inode, 21 records of 16 bytes. The btree's leaf
  # block is the file's, and st_blocks counts it (di_nblocks).
  Scenario Outline: On xfs on pmem a file of <records> one-page extents has <allocated> allocated
    Given xfs on pmem mounted with dax=always
    And an empty file "f"
    When 1 page of 0x61 is written at 0
    And 1 page of 0x61 is written at 2*PAGE_SIZE
    And 1 page of 0x61 is written at 4*PAGE_SIZE
    And 1 page of 0x61 is written at 6*PAGE_SIZE
    And 1 page of 0x61 is written at 8*PAGE_SIZE
    And 1 page of 0x61 is written at 10*PAGE_SIZE
    And 1 page of 0x61 is written at 12*PAGE_SIZE
    And 1 page of 0x61 is written at 14*PAGE_SIZE
    And 1 page of 0x61 is written at 16*PAGE_SIZE
    And 1 page of 0x61 is written at 18*PAGE_SIZE
    And 1 page of 0x61 is written at 20*PAGE_SIZE
    And 1 page of 0x61 is written at 22*PAGE_SIZE
    And 1 page of 0x61 is written at 24*PAGE_SIZE
    And 1 page of 0x61 is written at 26*PAGE_SIZE
    And 1 page of 0x61 is written at 28*PAGE_SIZE
    And 1 page of 0x61 is written at 30*PAGE_SIZE
    And 1 page of 0x61 is written at 32*PAGE_SIZE
    And 1 page of 0x61 is written at 34*PAGE_SIZE
    And 1 page of 0x61 is written at 36*PAGE_SIZE
    And 1 page of 0x61 is written at 38*PAGE_SIZE
    And 1 page of 0x61 is written at 40*PAGE_SIZE
    And 1 page of 0x62 is written at <last>
    Then the file has <allocated> allocated
    And the range <last>..<last>+15 reads as 0x62
    And SEEK_HOLE from 0 finds PAGE_SIZE

    Examples: 21 records fit in the inode; the 22nd moves them to a bmap btree leaf
      | records | last         | allocated |
      | 21      | 0            | 21 pages  |
      | 22      | 42*PAGE_SIZE | 23 pages  |

  # On a DAX file a read fault over an unwritten block maps the zero page and leaves a
  # zero-page entry in the file's mapping, and mapping_seek_hole_data(), which
  # iomap_seek_data() asks about unwritten extents, counts an entry there as data.
  Scenario Outline: On <fs> on pmem a read through a mapping over a preallocated page makes it data to SEEK_DATA
    Given <fs> on pmem mounted with dax=always
    And a preallocated file "f" of 4 pages
    When the file is mapped shared for 4 pages
    And byte 2*PAGE_SIZE+5 is read through the mapping
    Then SEEK_DATA from 0 finds 2*PAGE_SIZE
    And SEEK_HOLE from 2*PAGE_SIZE finds 3*PAGE_SIZE
    And the extent map shows 0..4*PAGE_SIZE-1 as unwritten

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  # ext4 has no stat blksize of its own: generic_fillattr() reports i_blocksize(), so with
  # 1 KiB blocks st_blksize is smaller than a page (xfs, above, reports at least a page).
  # ext4_getattr() offers APPEND, COMPRESSED, ENCRYPTED, IMMUTABLE, NODUMP and VERITY in
  # stx_attributes_mask, and vfs_getattr_nosec() and vfs_statx() add AUTOMOUNT, DAX and
  # MOUNT_ROOT. The first file of a fresh ext4 is inode 12: mke2fs gives 11, the first
  # non-reserved inode (EXT4_GOOD_OLD_FIRST_INO), to lost+found.
  Scenario: On ext4 on brd with 1 KiB blocks st_blksize is the block size and the first file's inode is 12
    Given ext4 on brd
    And the filesystem has 1 KiB blocks
    And an empty file "f"
    When xfs_io runs on "f":
      """
      pwrite -S 0x61 0 5000
      statx -r
      """
    Then xfs_io prints:
      """
      wrote 5000/5000 bytes at offset 0
      XXX Bytes, X ops; XX:XX:XX.X (XXX YYY/sec and XXX ops/sec)
      stat.mask = 0x1fff
      stat.blksize = 1024
      stat.attributes = 0x0
      stat.nlink = 1
      stat.uid = 0
      stat.gid = 0
      stat.mode: 0100600
      stat.ino = 12
      stat.size = 5000
      stat.blocks = 10
      stat.attributes_mask = 0x303874
      stat.atime.tv_sec = X
      stat.atime.tv_nsec = X
      stat.btime.tv_sec = X
      stat.btime.tv_nsec = X
      stat.ctime.tv_sec = X
      stat.ctime.tv_nsec = X
      stat.mtime.tv_sec = X
      stat.mtime.tv_nsec = X
      stat.rdev_major = 0
      stat.rdev_minor = 0
      stat.dev_major = X
      stat.dev_minor = X
      """

  # ext4's inode holds four extents in i_block; a fifth moves them to a leaf block
  # (ext4_ext_grow_indepth()), which belongs to the file and which st_blocks counts.
  Scenario Outline: On ext4 on pmem a file of <extents> one-page extents has <allocated> allocated
    Given ext4 on pmem mounted with dax=always
    And an empty file "f"
    When 1 page of 0x61 is written at 0
    And 1 page of 0x61 is written at 2*PAGE_SIZE
    And 1 page of 0x61 is written at 4*PAGE_SIZE
    And 1 page of 0x61 is written at 6*PAGE_SIZE
    And 1 page of 0x62 is written at <last>
    Then the file has <allocated> allocated
    And the range <last>..<last>+15 reads as 0x62
    And SEEK_HOLE from 0 finds PAGE_SIZE

    Examples: four extents fit in the inode; the fifth moves them to a leaf block
      | extents | last        | allocated |
      | 4       | 0           | 4 pages   |
      | 5       | 8*PAGE_SIZE | 6 pages   |
