@seed:002 @B2
@touches:fs/dax.c:dax_iomap_pte_fault @touches:fs/dax.c:dax_iomap_pmd_fault @touches:mm/filemap.c:filemap_fault
Feature: A load or store through a mapping past EOF raises SIGBUS

  A shared mapping may reach past the end of the file, but only the pages that hold
  file data can be touched: an access to page index pgoff faults SIGBUS exactly when
  pgoff >= DIV_ROUND_UP(i_size, PAGE_SIZE). The bytes between i_size and the end of
  its page are mapped and read as zeros. The iomap-DAX draft Ross Zwisler reviewed in August 2016 checked
  "pos >= i_size + PAGE_SIZE - 1" instead, which lets a fault on the page after a
  page-aligned EOF through (Ross Zwisler: "so we do I/O"); dax_iomap_pte_fault() in
  6.1 checks "pos >= i_size_read(inode)", the fix he proposed.

  Scenario Outline: On <fs> on <device>, a file of <size> maps <pages> page(s); the next page raises SIGBUS
    Given <fs> on <device> mounted with <options>
    And a file "f" of <size>
    When the file is mapped shared for 4 pages
    Then reading byte PAGE_ALIGN(EOF)-1 through the mapping succeeds
    And reading byte PAGE_ALIGN(EOF) through the mapping raises SIGBUS
    And the range EOF-1..EOF-1 reads as 0x61

    Examples: DAX
      | fs   | device | options    | size          | pages |
      | ext4 | pmem   | dax=always | 1 byte        | 1     |
      | ext4 | pmem   | dax=always | 1100 bytes    | 1     |
      | ext4 | pmem   | dax=always | PAGE_SIZE-1   | 1     |
      | ext4 | pmem   | dax=always | PAGE_SIZE     | 1     |
      | ext4 | pmem   | dax=always | PAGE_SIZE+1   | 2     |
      | xfs  | pmem   | dax=always | PAGE_SIZE     | 1     |
      | xfs  | pmem   | dax=always | 2*PAGE_SIZE-1 | 2     |

    Examples: page cache
      | fs   | device | options  | size        | pages |
      | ext4 | brd    | defaults | PAGE_SIZE   | 1     |
      | xfs  | brd    | defaults | PAGE_SIZE+1 | 2     |

  Scenario: The bytes between EOF and the end of its page read as zeros through the mapping
    Given ext4 on pmem mounted with dax=always
    And a file "f" of 1100 bytes
    When the file is mapped shared for 2 pages
    Then reading byte 4096 through the mapping raises SIGBUS
    And the range 1100..4095 reads as zeros
    And the range 0..1099 reads as 0x61

  # mmap(2) itself refuses only a request it cannot make: do_mmap() wants an offset that
  # is a whole number of pages ("if (offset_in_page(off)) return -EINVAL" in
  # ksys_mmap_pgoff()'s callers) and a length that is not 0 ("if (!len) return -EINVAL").
  # A mapping that reaches past EOF is made: only an access there faults.
  Scenario Outline: On <fs> mmap at an offset inside a page or of length 0 fails with EINVAL, and a mapping past EOF is made
    Given <fs> on <device> mounted with <options>
    And a file "f" of 2 pages
    When xfs_io runs on "f":
      """
      mmap 100 4096
      mmap 0 0
      mmap 0 16384
      """
    Then xfs_io prints:
      """
      mmap: Invalid argument
      mmap: Invalid argument
      exit 1
      """

    Examples:
      | fs   | device | options    |
      | ext4 | pmem   | dax=always |
      | xfs  | pmem   | dax=always |
      | ext4 | brd    | defaults   |
