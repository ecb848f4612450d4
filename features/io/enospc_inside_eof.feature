@seed:003 @B9
@touches:fs/ext4/file.c:ext4_dax_write_iter @touches:fs/ext4/file.c:ext4_handle_inode_extension
@touches:fs/ext4/inode.c:ext4_iomap_alloc
Feature: On ext4 a DAX write inside EOF cut short by ENOSPC leaves i_size and the preallocation past EOF alone

  A write cut short by ENOSPC returns the bytes it wrote (Nick Piggin and Dave Chinner,
  "[RFC] new ->perform_write fop", linux-kernel, May 2010). Only a write that reaches
  past i_disksize ends in ext4_handle_inode_extension(), which moves i_size and calls
  ext4_truncate_failed_write() for the blocks past the new EOF (see enospc.feature: what
  6.1 does there differs from the rule, and the model refuses it). A DAX write inside
  i_size does neither: i_size stays, and the blocks the file preallocated past EOF with
  KEEP_SIZE stay allocated.

  Scenario: On ext4 an 8 KiB DAX write into a hole inside EOF with one block free writes 4 KiB and keeps the preallocation past EOF
    Given ext4 on pmem mounted with dax=always
    And a sparse file "f" of 4 pages
    When 4 pages are preallocated at 4*PAGE_SIZE keeping the size
    And the filesystem is filled, leaving 1 block free
    And 8 KiB of 0x61 is written at 0 in chunks of 8 KiB
    Then the write returns 4 KiB
    And the file size is 4 pages
    And the file has 5 pages allocated
    And the extent map shows 4*PAGE_SIZE..8*PAGE_SIZE-1 as unwritten
    And the range 0..4095 reads as 0x61
    And the range 4096..8191 reads as zeros
