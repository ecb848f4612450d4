@seed:003 @B9
@touches:fs/ext4/inode.c:ext4_da_write_begin @touches:fs/ext4/inode.c:ext4_truncate_failed_write
@touches:fs/ext4/balloc.c:ext4_should_retry_alloc @touches:mm/filemap.c:generic_perform_write
Feature: On ext4 a page-cache write that runs out of space part way takes back the preallocation past where it got

  A buffered write copies page by page, and i_size follows each page it copied. When a
  page gets no block (ext4_da_write_begin(): the delayed-allocation reservation fails
  with ENOSPC) and reaches past i_size, ext4_truncate_failed_write() truncates at that
  i_size, which frees every block past it, KEEP_SIZE preallocation too; then
  ext4_should_retry_alloc() commits the journal, the freed blocks can be reserved, and
  the page is tried again. A preallocated block the write reaches before it fails is
  inside i_size by then, needs no reservation and stays. Once nothing more is freed the
  write stops, and returns the bytes it copied (Nick Piggin and Dave Chinner, "[RFC] new
  ->perform_write fop", linux-kernel, May 2010; the truncate came with b9a4207d5e91,
  "ext4: Avoid data / filesystem corruption when write fails to copy data", Jan Kara).

  # Three blocks free; one goes to a preallocated block 1, one to a preallocated block 5,
  # both past EOF. A 16 KiB write from 0: page 0 reserves the last free block, page 1
  # finds block 1, page 2 fails with i_size at 8 KiB, so block 5 is freed and page 2
  # gets it; page 3 fails with nothing left to free.
  Scenario: On ext4 on brd a 16 KiB write with one block free gets 12 KiB: the preallocation inside the write stays, the one past it is taken back
    Given ext4 on brd
    And an empty file "f"
    And the filesystem is filled, leaving 3 blocks free
    When 1 page is preallocated at 4096 keeping the size
    And 1 page is preallocated at 20480 keeping the size
    And 16 KiB of 0x62 is written at 0 in chunks of 16 KiB
    Then the write returns 12 KiB
    And the file size is 12 KiB
    And the file has 12 KiB allocated
    And the range 0..15 reads as 0x62
    And the range 12272..12287 reads as 0x62
