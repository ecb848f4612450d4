@seed:004 @B3
@touches:fs/ext4/super.c:__ext4_fill_super @touches:fs/ext4/super.c:ext4_check_opt_consistency
@touches:fs/xfs/xfs_super.c:xfs_setup_dax_always @touches:fs/xfs/xfs_super.c:xfs_fs_fill_super
@touches:fs/xfs/xfs_iops.c:xfs_inode_supports_dax @touches:fs/ext4/inode.c:ext4_should_enable_dax
Feature: DAX needs a DAX device and blocks of PAGE_SIZE; each filesystem says no in its own way

  DAX maps a file's blocks straight into page tables, so a block must be a page: the
  rule since ext2 XIP ("XIP: Unsupported blocksize"). The device's sector size does not
  matter: in December 2007 Nick Piggin dropped ext2's check of the device block size ("After
  my patch, we can do XIP in a hardsect size < PAGE_SIZE block device"), acked by
  Carsten Otte. In 6.1 ext4 refuses a dax=always (or legacy dax) mount it cannot honour,
  and logs "unsupported blocksize for DAX" for a DAX device with small blocks even when
  DAX was not asked for (__ext4_fill_super()); xfs mounts anyway with DAX turned off and
  an alert (xfs_setup_dax_always()). dax=inode, the default, makes only files marked
  FS_XFLAG_DAX DAX, and a new file in the root of a fresh filesystem is not; dax=never
  makes none. Debian mounts ext2 with the ext4 driver, which takes only the legacy dax
  option there.

  Scenario Outline: ext4 refuses dax=always with <block> blocks on pmem
    Given ext4 on pmem mounted with dax=always
    And the filesystem has <block> blocks
    Then the mount is refused
    And the kernel logs "EXT4-fs (pmem0): unsupported blocksize for DAX"
    And the kernel logs "EXT4-fs (pmem0): DAX unsupported by block device."

    Examples:
      | block |
      | 1 KiB |
      | 2 KiB |

  Scenario Outline: xfs mounts <block> blocks on pmem with dax=always, with DAX turned off
    Given xfs on pmem mounted with dax=always
    And the filesystem has <block> blocks
    And an empty file "f"
    Then the mount succeeds
    And the kernel logs "XFS (pmem0): DAX not supported for blocksize. Turning off DAX."
    And the file is not DAX

    Examples:
      | block |
      | 1 KiB |
      | 2 KiB |

  Scenario Outline: ext4 with <block> blocks on pmem without dax=always mounts, not DAX, and says why
    Given ext4 on pmem mounted with <options>
    And the filesystem has <block> blocks
    And an empty file "f"
    Then the mount succeeds
    And the kernel logs "EXT4-fs (pmem0): unsupported blocksize for DAX"
    And the file is not DAX

    Examples:
      | options   | block |
      | dax=inode | 1 KiB |
      | defaults  | 2 KiB |

  Scenario Outline: <fs> on pmem, whose sectors are 512 bytes, gives DAX with 4 KiB blocks
    Given <fs> on pmem mounted with dax=always
    And a file "f" of 1 page
    Then the mount succeeds
    And the file is DAX
    And byte 100 reads as 0x61

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  Scenario Outline: On <fs> mounted with <options>, a new file is <dax>
    Given <fs> on pmem mounted with <options>
    And an empty file "f"
    Then the mount succeeds
    And the file is <dax>

    Examples:
      | fs   | options    | dax     |
      | ext4 | dax        | DAX     |
      | ext4 | dax=always | DAX     |
      | ext4 | dax=inode  | not DAX |
      | ext4 | dax=never  | not DAX |
      | ext4 | defaults   | not DAX |
      | xfs  | dax        | DAX     |
      | xfs  | dax=inode  | not DAX |
      | xfs  | dax=never  | not DAX |
      | ext2 | dax        | DAX     |
      | ext2 | defaults   | not DAX |

  Scenario Outline: ext2, mounted by the ext4 driver, refuses <options>
    Given ext2 on pmem mounted with <options>
    Then the mount is refused
    And the kernel logs "EXT4-fs: Mount option(s) incompatible with ext2"

    Examples:
      | options    |
      | dax=always |
      | dax=never  |

  Scenario Outline: <fs> blocks larger than a page do not mount on a 4 KiB-page kernel
    Given <fs> on pmem
    And the filesystem has 64 KiB blocks
    Then the mount is refused
    And the kernel logs "<log>"

    Examples:
      | fs   | log                                                                                                    |
      | ext4 | EXT4-fs (pmem0): bad block size 65536                                                                  |
      | xfs  | XFS (pmem0): File system with blocksize 65536 bytes. Only pagesize (4096) or less will currently work. |

  @page-size:64KiB
  Scenario: With 64 KiB pages, xfs with 64 KiB blocks gives DAX
    Given xfs on pmem mounted with dax=always
    And the page size is 64 KiB
    And the filesystem has 64 KiB blocks
    And a file "f" of 1 page
    Then the mount succeeds
    And the kernel logs "XFS (pmem0): DAX enabled. Warning: EXPERIMENTAL, use at your own risk"
    And the file is DAX

  @page-size:64KiB
  Scenario: With 64 KiB pages, ext4 refuses dax=always with 4 KiB blocks
    Given ext4 on pmem mounted with dax=always
    And the page size is 64 KiB
    Then the mount is refused
    And the kernel logs "EXT4-fs (pmem0): unsupported blocksize for DAX"
