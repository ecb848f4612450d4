@seed:001 @B7
@touches:fs/ext4/extents.c:ext4_convert_unwritten_extents @touches:fs/xfs/xfs_iomap.c:xfs_iomap_write_direct
@touches:fs/ext4/extents.c:ext4_fallocate @touches:fs/xfs/xfs_bmap_util.c:xfs_alloc_file_space
Feature: A metadata change not yet committed may be lost in a crash: a fault's conversion, a preallocation

  Jan Kara's synchronous page faults RFC (2017) rests on this: without MAP_SYNC or fsync,
  a change to a file's extents is in the running transaction (ext4's journal, xfs's log)
  until a commit, which comes on its own schedule, so a crash may find it committed or
  not. That holds for every metadata change, not only for an allocation: the conversion
  of an unwritten block that a write fault made, and a preallocation. After the crash the
  file is as one of the commits since the last forced one left it; the data a store put on
  pmem reads back only where the extent came back written. A file made by a Given step is
  fsynced.

  Scenario Outline: On <fs> a crash before fsync may lose the conversion a write fault made of a preallocated block, and the store with it
    Given <fs> on pmem mounted with dax=always
    And a preallocated file "f" of 4 pages
    When the file is mapped shared for 4 pages
    And 0x62 is stored over 4096..4111 through the mapping
    And the system crashes
    Then the range 4096..4111 reads as 0x62 or zeros
    And the range 4096..4111 may read as zeros
    And the range 4096..4111 may read as 0x62
    And the file size is 4 pages

    Examples:
      | fs   |
      | ext4 |
      | xfs  |

  Scenario Outline: On <fs> a crash before fsync may lose a preallocation and the size it gave the file
    Given <fs> on pmem mounted with dax=always
    And an empty file "f"
    When 64 KiB are preallocated at 0
    And the system crashes
    Then the file size may be 0 bytes
    And the file size may be 64 KiB

    Examples:
      | fs   |
      | ext4 |
      | xfs  |
