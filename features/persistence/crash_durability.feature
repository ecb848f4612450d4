@seed:001 @B7
@touches:fs/dax.c:dax_finish_sync_fault @touches:fs/dax.c:dax_fault_is_synchronous
@touches:fs/ext4/file.c:ext4_dax_huge_fault @touches:fs/xfs/xfs_file.c:__xfs_filemap_fault
@touches:fs/ext4/fsync.c:ext4_sync_file @touches:fs/xfs/xfs_file.c:xfs_file_fsync
Feature: With MAP_SYNC a block written through a mapping is in the file after a crash; without it, only after fsync

  Jan Kara's synchronous page faults RFC (2017): "While a block is writeably mapped into page tables, it is guaranteed to be
  visible in the file at that offset also after a crash." That is MAP_SYNC's promise, kept
  by syncing the block's metadata in the write fault (dax_finish_sync_fault()). Without
  MAP_SYNC a crash before fsync (or msync with MS_SYNC) may lose a block a write fault
  allocated: the data went to pmem, but the extent that holds it may not be in the
  journal. A crash here is an immediate reboot (sysrq b); pmem made with memmap= keeps its
  contents. After a crash the kernel may have committed the journal at any point since the
  last forced commit, so each claim must hold in every outcome it allows, unless it says
  "may". A file made by a Given step is fsynced.

  Scenario Outline: On <fs>, what a MAP_SYNC store wrote is in the file after a crash
    Given <fs> on pmem mounted with dax=always
    And a sparse file "f" of 2 pages
    When the file is mapped with MAP_SYNC for 2 pages
    And 0x62 is stored over 4096..4111 through the mapping
    And the system crashes
    Then the range 4096..4111 reads as 0x62
    And the extent map shows 4096..8191 as data

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  Scenario Outline: On <fs>, without MAP_SYNC a crash before fsync may lose the block a write fault allocated
    Given <fs> on pmem mounted with dax=always
    And a sparse file "f" of 2 pages
    When the file is mapped shared for 2 pages
    And 0x62 is stored over 4096..4111 through the mapping
    And the system crashes
    Then the range 4096..4111 reads as 0x62 or zeros
    And the range 4096..4111 may read as zeros
    And the range 4096..4111 may read as 0x62
    And the file size is 2 pages

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  Scenario Outline: On <fs>, msync with MS_SYNC makes a mapped write durable, conversion included
    Given <fs> on pmem mounted with dax=always
    And a preallocated file "f" of 16 pages
    When the file is mapped shared for 16 pages
    And 0x63 is stored over 8*PAGE_SIZE..8*PAGE_SIZE+15 through the mapping
    And the mapping is synced with MS_SYNC
    And the system crashes
    Then the range 8*PAGE_SIZE..8*PAGE_SIZE+15 reads as 0x63
    And the extent map shows 8*PAGE_SIZE..9*PAGE_SIZE-1 as data

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  Scenario Outline: On <fs> with <options>, data and size that fsync made durable survive a crash
    Given <fs> on pmem mounted with <options>
    And an empty file "f"
    When 8 KiB of 0x61 is written at 0
    And the file is fsynced
    And the system crashes
    Then the file size is 8 KiB
    And the range 8176..8191 reads as 0x61

    Examples:
      | fs   | options    |
      | ext4 | dax=always |
      | xfs  | dax=always |
      | ext4 | dax=never  |
      | xfs  | dax=never  |

  Scenario Outline: On <fs> through the page cache, a write not yet written back is gone after a crash
    Given <fs> on pmem mounted with dax=never
    And an empty file "f"
    When 8 KiB of 0x61 is written at 0
    And the system crashes
    Then a read of 8 KiB at 0 returns 0 bytes
    And the file size is 0 bytes

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  Scenario Outline: On <fs> with DAX, a crash before fsync may keep a write's data or lose the size it gave the file
    Given <fs> on pmem mounted with dax=always
    And an empty file "f"
    When 8 KiB of 0x61 is written at 0
    And the system crashes
    Then the range 0..15 may read as 0x61
    And the file size may be 0 bytes
    And a read of 16 bytes at 0 may return 0 bytes

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  # A remount starts a new mount of the same journal: what fsync forces after it is as
  # durable as before it.
  Scenario Outline: On <fs>, what fsync made durable after a remount survives a crash
    Given <fs> on pmem mounted with dax=always
    And an empty file "f"
    When 4 KiB of 0x61 is written at 0
    And the filesystem is unmounted and mounted again
    And 4 KiB of 0x62 is written at 4 KiB
    And the file is fsynced
    And the system crashes
    Then the file size is 8 KiB
    And the range 4080..4095 reads as 0x61
    And the range 4096..4111 reads as 0x62

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  # Each write(2) is a point the journal may have committed up to when the crash comes, so
  # a crash during a series of writes may keep some of them and not the rest.
  Scenario Outline: On <fs> with DAX, a crash after two writes without fsync may keep the size the first gave the file
    Given <fs> on pmem mounted with dax=always
    And an empty file "f"
    When 8 KiB of 0x61 is written at 0 in chunks of 4 KiB
    And the system crashes
    Then the file size may be 4 KiB
    And the file size may be 8 KiB
    And the range 0..15 may read as 0x61

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  # ext2 has no journal to replay after a crash, so nothing vouches for the filesystem:
  # ext4_setup_super() clears EXT4_VALID_FS in the on-disk s_state when it mounts a
  # filesystem without a journal, a clean unmount writes back the state the mount found
  # (ext4_put_super()), and a mount that finds it clear warns. ext4's journal keeps s_state
  # valid: replaying it stands in for e2fsck, and the recovery's messages are below warning
  # level. (Found by daxspec explore on Debian 6.1: a crash and nothing else, on ext2.)
  Scenario Outline: After a crash ext2 on pmem with <options> mounts with a warning that it is unchecked, and keeps what fsync made durable
    Given ext2 on pmem mounted with <options>
    And an empty file "f"
    When 8 KiB of 0x61 is written at 0
    And the file is fsynced
    And the system crashes
    Then the mount succeeds
    And the kernel logs "EXT4-fs (pmem0): warning: mounting unchecked fs, running e2fsck is recommended"
    And the file size is 8 KiB
    And the range 8176..8191 reads as 0x61

    Examples:
      | options  |
      | defaults |
      | dax      |

  # Since a clean unmount writes back what the mount found, a filesystem mounted unchecked
  # stays unchecked: only e2fsck sets EXT4_VALID_FS again. (Found by daxspec explore on
  # Debian 6.1: a crash, then a remount, on ext2.)
  Scenario: After a crash ext2 on pmem warns again at the mount after a clean unmount
    Given ext2 on pmem mounted with defaults
    And an empty file "f"
    When 4 KiB of 0x61 is written at 0
    And the file is fsynced
    And the system crashes
    And the filesystem is unmounted and mounted again
    Then the mount succeeds
    And the kernel logs "EXT4-fs (pmem0): warning: mounting unchecked fs, running e2fsck is recommended"
    And the range 4080..4095 reads as 0x61

  Scenario: After a crash ext4 on pmem replays its journal and mounts without a warning
    Given ext4 on pmem mounted with dax=always
    And an empty file "f"
    When 8 KiB of 0x61 is written at 0
    And the file is fsynced
    And the system crashes
    Then the mount succeeds
    And the kernel logs nothing
    And the file size is 8 KiB
