package dev.daxspec.series.clang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class CFunctionLocatorTest {

    private static List<String> names(CSourceMap m) {
        return m.functions().stream().map(CFunction::name).toList();
    }

    private static String at(CSourceMap m, int line) {
        return m.functionAt(line).map(CFunction::name).orElse("-");
    }

    /** Line numbers of the snippets below are given in the comments on each line. */
    @Test
    void nestedBracesAndStaticInline() {
        String src = """
                #include <linux/fs.h>

                static inline bool dax_is_locked(void *entry)
                {
                	return xa_to_value(entry) & DAX_LOCKED;
                }

                static vm_fault_t dax_iomap_pte_fault(struct vm_fault *vmf, pfn_t *pfnp,
                			       int *iomap_errp, const struct iomap_ops *ops)
                {
                	if (vmf->pgoff >= max) {
                		for (;;) {
                			if (x) { y(); }
                		}
                		return VM_FAULT_SIGBUS;
                	}
                	switch (z) {
                	case 1: { break; }
                	}
                	return 0;
                }
                """;
        CSourceMap m = CFunctionLocator.locate(src);
        assertThat(m.problems()).isEmpty();
        assertThat(m.functions())
                .containsExactly(
                        new CFunction("dax_is_locked", 3, 4, 6, true, true),
                        new CFunction("dax_iomap_pte_fault", 8, 10, 21, true, false));
        assertThat(at(m, 1)).isEqualTo("-");
        assertThat(at(m, 7)).isEqualTo("-");
        assertThat(at(m, 9)).isEqualTo("dax_iomap_pte_fault");
        assertThat(at(m, 13)).isEqualTo("dax_iomap_pte_fault");
        assertThat(m.isCode(1)).isTrue();
        assertThat(m.isCode(2)).isFalse();
    }

    @Test
    void callsInEachBody() {
        String src = """
                #define wait_entry(x) do { dax_wake(x); } while (0)
                static vm_fault_t dax_fault_iter(struct vm_fault *vmf,
                		const struct iomap_iter *iter, pfn_t *pfnp)
                {
                	if (!(vmf->flags & FAULT_FLAG_WRITE))
                		return dax_load_hole(xas, vmf, iter, entry);
                	while ((err = iter->ops->iomap_begin(a)) > 0)
                		s.end(sizeof(long));
                #ifdef CONFIG_FS_DAX_PMD
                	wait_entry(dax_insert_entry(xas, vmf, iter, *entry, pfn, 0));
                #else
                	(void)dax_load_hole(xas, vmf, iter, entry);
                #endif
                #if 0
                	dead_call();
                #endif
                	return dax_fault_iter(vmf, iter, pfnp) ? : vmf_insert_mixed(vmf->vma, 0, pfn);
                }

                static vm_fault_t dax_iomap_pmd_fault(struct vm_fault *vmf)
                {
                	return dax_fault_iter(vmf, &iter, pfnp);
                }
                """;
        CSourceMap m = CFunctionLocator.locate(src);
        assertThat(m.problems()).isEmpty();
        assertThat(names(m)).containsExactly("dax_fault_iter", "dax_iomap_pmd_fault");
        assertThat(m.calls(m.functions().get(0)))
                .containsExactly(
                        "dax_fault_iter", "dax_insert_entry", "dax_load_hole", "vmf_insert_mixed", "wait_entry");
        assertThat(m.calls(m.functions().get(1))).containsExactly("dax_fault_iter");
    }

    @Test
    void multiLineDefineWithBracesIsNotCode() {
        String src = """
                #define dax_wait(x) do {		\\
                	if (x) {			\\
                		schedule();		\\
                	}				\\
                } while (0)

                #define PG_PMD_COLOUR	((PMD_SIZE >> PAGE_SHIFT) - 1)

                static int f(void)
                {
                	return PG_PMD_COLOUR;
                }
                """;
        CSourceMap m = CFunctionLocator.locate(src);
        assertThat(m.problems()).isEmpty();
        assertThat(m.functions()).containsExactly(new CFunction("f", 9, 10, 12, true, false));
        assertThat(m.isCode(3)).as("continuation lines of a #define are code").isTrue();
        assertThat(m.functionAt(3)).isEmpty();
    }

    @Test
    void bracesInCommentsStringsAndCharLiterals() {
        String src = """
                /* a comment with { an open brace
                 * and a } close, and a "quote
                 */
                static const char *msg = "{ not a block }";
                static char open = '{', close = '}', esc = '\\'';
                // line comment {
                int g(int a)
                {
                	printf("}\\n");	/* } */
                	return a == '}';
                }
                """;
        CSourceMap m = CFunctionLocator.locate(src);
        assertThat(m.problems()).isEmpty();
        assertThat(m.functions()).containsExactly(new CFunction("g", 7, 8, 11, false, false));
        assertThat(m.isCode(1)).isFalse();
        assertThat(m.isCode(2)).isFalse();
        assertThat(m.isCode(4)).isTrue();
        assertThat(m.isCode(6)).isFalse();
    }

    @Test
    void structInitialisersAndDefinitionsAreNotFunctions() {
        String src = """
                struct brd_device {
                	int brd_number;
                	struct list_head brd_list;
                };

                static const struct vm_operations_struct xfs_xip_vm_ops = {
                	.fault		= xfs_xip_fault,
                	.remap_pages	= generic_file_remap_pages,
                };

                static struct file_system_type ext2_fs_type = {
                	.owner		= THIS_MODULE,
                	.name		= "ext2",
                };

                typedef struct {
                	int (*fn)(int);
                } ops_t;

                enum page_entry_size { PE_SIZE_PTE = 0, PE_SIZE_PMD };

                static int (*handlers[])(int) = { h1, h2 };

                static int xfs_xip_fault(struct vm_area_struct *vma, struct vm_fault *vmf)
                {
                	return xip_fault(vma, vmf, xfs_get_blocks);
                }
                """;
        CSourceMap m = CFunctionLocator.locate(src);
        assertThat(m.problems()).isEmpty();
        assertThat(names(m)).containsExactly("xfs_xip_fault");
        assertThat(m.functionAt(7)).isEmpty();
        assertThat(m.isCode(7)).isTrue();
    }

    @Test
    void macrosThatAreNotFunctions() {
        String src = """
                static int brd_init(void)
                {
                	return 0;
                }

                EXPORT_SYMBOL(brd_init);
                EXPORT_SYMBOL_GPL(dax_iomap_rw);
                module_init(brd_init);
                MODULE_LICENSE("GPL");
                static DEFINE_MUTEX(brd_devices_mutex);
                static LIST_HEAD(brd_devices);
                TRACE_EVENT(dax_pmd_fault,
                	TP_PROTO(struct inode *inode),
                	TP_fast_assign(__entry->dev = inode->i_sb->s_dev;),
                	TP_printk("%s", __print_flags(x, "|", { 1, "one" }, { 2, "two" }))
                );

                static void __exit brd_exit(void)
                {
                }
                """;
        CSourceMap m = CFunctionLocator.locate(src);
        assertThat(m.problems()).isEmpty();
        assertThat(m.functions())
                .containsExactly(
                        new CFunction("brd_init", 1, 2, 4, true, false),
                        new CFunction("brd_exit", 18, 19, 20, true, false));
    }

    @Test
    void syscallDefineIsNamedLikeTags() {
        String src = """
                SYSCALL_DEFINE3(read, unsigned int, fd, char __user *, buf, size_t, count)
                {
                	return ksys_read(fd, buf, count);
                }

                COMPAT_SYSCALL_DEFINE3(preadv64, unsigned long, fd,
                		const struct iovec __user *, vec, unsigned long, vlen)
                {
                	return 0;
                }
                BPF_CALL_2(bpf_map_lookup_elem, struct bpf_map *, map, void *, key)
                {
                	return 0;
                }
                """;
        CSourceMap m = CFunctionLocator.locate(src);
        assertThat(m.functions())
                .containsExactly(
                        new CFunction("sys_read", 1, 2, 4, false, false),
                        new CFunction("compat_sys_preadv64", 6, 8, 10, false, false),
                        new CFunction("bpf_map_lookup_elem", 11, 12, 14, false, false));
    }

    @Test
    void kernelStyleAndKAndRSignatures() {
        String src = """
                STATIC int
                xfs_file_readdir(
                	struct file	*file,
                	struct dir_context *ctx)
                {
                	return 0;
                }

                int
                old_style(a, b)
                	int a;
                	char *b;
                {
                	return a + *b;
                }

                static vm_fault_t
                dax_iomap_pmd_fault(struct vm_fault *vmf, pfn_t *pfnp,
                		    const struct iomap_ops *ops)
                {
                	return VM_FAULT_FALLBACK;
                }
                """;
        CSourceMap m = CFunctionLocator.locate(src);
        assertThat(m.problems()).isEmpty();
        assertThat(m.functions())
                .containsExactly(
                        new CFunction("xfs_file_readdir", 1, 5, 7, false, false),
                        new CFunction("old_style", 9, 13, 15, false, false),
                        new CFunction("dax_iomap_pmd_fault", 17, 20, 22, true, false));
        assertThat(at(m, 11)).isEqualTo("old_style");
    }

    @Test
    void attributesAroundTheName() {
        String src = """
                static __printf(2, 3) void ext2_msg(struct super_block *sb, const char *fmt, ...)
                {
                }
                static void dax_unlock(struct xa_state *xas) __releases(xas->xa->xa_lock)
                {
                }
                static int __init __attribute__((cold)) brd_setup(char *str)
                {
                	return 1;
                }
                __attribute__((constructor)) static void ctor(void)
                {
                }
                static void (*signal_handler(int sig, void (*func)(int)))(int)
                {
                	return func;
                }
                static __always_inline unsigned long __dax_to_pfn(void *entry) __must_hold(rcu)
                {
                	return 0;
                }
                """;
        CSourceMap m = CFunctionLocator.locate(src);
        assertThat(m.problems()).isEmpty();
        assertThat(names(m))
                .containsExactly("ext2_msg", "dax_unlock", "brd_setup", "ctor", "signal_handler", "__dax_to_pfn");
        assertThat(m.functions().get(5).isInline()).isTrue();
    }

    @Test
    void ifdefBranchesThatEachOpenABrace() {
        String src = """
                static int f(int a, int b)
                {
                #ifdef CONFIG_X
                	if (a) {
                #else
                	if (b) {
                #endif
                		return 1;
                	}
                	return 0;
                }

                #ifdef CONFIG_FS_DAX_PMD
                static vm_fault_t dax_iomap_pmd_fault(struct vm_fault *vmf)
                {
                	return 0;
                }
                #else
                static vm_fault_t dax_iomap_pmd_fault(struct vm_fault *vmf)
                {
                	return VM_FAULT_FALLBACK;
                }
                #endif /* CONFIG_FS_DAX_PMD */

                #if 0
                static int dead(void) { if (x) {
                #else
                static int alive(void)
                {
                	return 1;
                }
                #endif
                """;
        CSourceMap m = CFunctionLocator.locate(src);
        assertThat(m.problems()).isEmpty();
        assertThat(m.functions())
                .extracting(CFunction::name, CFunction::startLine, CFunction::endLine)
                .containsExactly(
                        Tuple.tuple("f", 1, 11),
                        Tuple.tuple("dax_iomap_pmd_fault", 14, 17),
                        Tuple.tuple("dax_iomap_pmd_fault", 19, 22),
                        Tuple.tuple("alive", 28, 31));
        assertThat(m.isCode(26)).as("#if 0 contents are dead").isFalse();
    }

    @Test
    void prototypesAndGlobalsAreNotFunctions() {
        String src = """
                static int brd_rw_page(struct block_device *bdev, sector_t sector,
                		       struct page *page, enum req_op op);
                extern int rd_size;
                static unsigned long rd_size = CONFIG_BLK_DEV_RAM_SIZE;
                int x[N] = { [0] = 1 };
                static int brd_rw_page(struct block_device *bdev, sector_t sector,
                		       struct page *page, enum req_op op)
                {
                	return 0;
                }
                """;
        CSourceMap m = CFunctionLocator.locate(src);
        assertThat(m.problems()).isEmpty();
        assertThat(m.functions()).extracting(CFunction::startLine).containsExactly(6);
    }

    /** mm/interval_tree.c: a defining macro without a semicolon right before a function. */
    @Test
    void macroInvocationWithoutSemicolonBeforeAFunction() {
        String src = """
                INTERVAL_TREE_DEFINE(struct anon_vma_chain, rb, unsigned long, rb_subtree_last,
                		     avc_start_pgoff, avc_last_pgoff,
                		     static inline, __anon_vma_interval_tree)

                void anon_vma_interval_tree_insert(struct anon_vma_chain *node,
                				   struct rb_root_cached *root)
                {
                	__anon_vma_interval_tree_insert(node, root);
                }
                """;
        CSourceMap m = CFunctionLocator.locate(src);
        assertThat(m.functions())
                .containsExactly(new CFunction("anon_vma_interval_tree_insert", 5, 7, 9, false, false));
    }

    @Test
    void unbalancedSourceIsReported() {
        CSourceMap open = CFunctionLocator.locate("static int f(void)\n{\n\tif (x) {\n}\n");
        assertThat(open.problems()).isNotEmpty();
        CSourceMap extra = CFunctionLocator.locate("int f(void)\n{\n}\n}\n");
        assertThat(extra.problems()).containsExactly("unmatched '}' at line 4");
        assertThat(names(extra)).containsExactly("f");
        CSourceMap comment = CFunctionLocator.locate("int f(void)\n{\n}\n/* never closed\n");
        assertThat(comment.problems()).containsExactly("unterminated comment at end of file");
    }

    @Test
    void crlfSourcesWork() {
        CSourceMap m = CFunctionLocator.locate("int f(void)\r\n{\r\n\treturn 0;\r\n}\r\n");
        assertThat(m.functions()).containsExactly(new CFunction("f", 1, 2, 4, false, false));
    }

    // --- hunk headers ----------------------------------------------------------

    @Test
    void functionNamesFromHunkContexts() {
        // contexts from Nick Piggin's XIP patches of Dec 2007 (GNU diff -p, cut at 40 characters)
        // and from the ext4 XIP series Dave Chinner reviewed in Dec 2013 (git)
        assertThat(CFunctionLocator.functionInHunkContext("__xip_file_write(struct file *filp, cons"))
                .contains("__xip_file_write");
        assertThat(CFunctionLocator.functionInHunkContext("static struct page *brd_insert_page(stru"))
                .contains("brd_insert_page");
        assertThat(CFunctionLocator.functionInHunkContext("static int ext2_fill_super(struct super_"))
                .contains("ext2_fill_super");
        assertThat(CFunctionLocator.functionInHunkContext("xfs_file_readdir(")).contains("xfs_file_readdir");
        assertThat(CFunctionLocator.functionInHunkContext("struct brd_device {"))
                .isEmpty();
        assertThat(CFunctionLocator.functionInHunkContext("config BLK_DEV_RAM_SIZE"))
                .isEmpty();
        assertThat(CFunctionLocator.functionInHunkContext("EXPORT_SYMBOL_GPL(dax_iomap_rw);"))
                .isEmpty();
        assertThat(CFunctionLocator.functionInHunkContext("EXPORT_SYMBOL_GPL(dax_iomap_rw"))
                .isEmpty();
        assertThat(CFunctionLocator.functionInHunkContext(
                        "static const struct vm_operations_struct xfs_xip_vm_ops = {"))
                .isEmpty();
        assertThat(CFunctionLocator.functionInHunkContext("out_unlock:")).isEmpty();
        assertThat(CFunctionLocator.functionInHunkContext("#ifdef CONFIG_FS_DAX"))
                .isEmpty();
        assertThat(CFunctionLocator.functionInHunkContext("")).isEmpty();
        assertThat(CFunctionLocator.functionInHunkContext("static int brd_lookup_p"))
                .isEmpty();
        assertThat(CFunctionLocator.functionInHunkContext(
                        "SYSCALL_DEFINE3(read, unsigned int, fd, char __user *, buf, size_t, count)"))
                .contains("sys_read");
        assertThat(CFunctionLocator.functionInHunkContext("int f(void) {")).contains("f");
    }

    // --- fragments -------------------------------------------------------------

    /** Seed 004: the first brd hunk's header names a struct; the function's signature is in the hunk. */
    @Test
    void fragmentWithSignatureInsideTheHunk() {
        String oldImage = String.join(
                "\n",
                " */",
                "static struct page *brd_lookup_page(struct brd_device *brd, sector_t sector)",
                "{",
                "	unsigned long idx;",
                "	struct page *page;",
                "",
                "	/*");
        CSourceMap m = CFunctionLocator.locateFragment(
                oldImage, 56, CFunctionLocator.functionInHunkContext("struct brd_device {"));
        assertThat(at(m, 56)).isEqualTo("-");
        assertThat(at(m, 59)).isEqualTo("brd_lookup_page");
        assertThat(m.isCode(56)).isFalse();
    }

    /** Seed 000's xfs hunk: it starts in xfs_file_readdir and adds a function and an initialiser. */
    @Test
    void fragmentSpanningTheEndOfOneFunctionAndANewOne() {
        String newImage = String.join(
                "\n",
                "	return 0;",
                "}",
                "",
                "static int xfs_xip_fault(struct vm_area_struct *vma, struct vm_fault *vmf)",
                "{",
                "	return xip_fault(vma, vmf, xfs_get_blocks);",
                "}",
                "",
                "static const struct vm_operations_struct xfs_xip_vm_ops = {",
                "	.fault		= xfs_xip_fault,",
                "	.remap_pages	= generic_file_remap_pages,",
                "};");
        CSourceMap m = CFunctionLocator.locateFragment(
                newImage, 957, CFunctionLocator.functionInHunkContext("xfs_file_readdir("));
        assertThat(at(m, 957)).isEqualTo("xfs_file_readdir");
        assertThat(at(m, 958)).isEqualTo("xfs_file_readdir");
        assertThat(at(m, 959)).isEqualTo("-");
        assertThat(at(m, 962)).isEqualTo("xfs_xip_fault");
        assertThat(at(m, 966)).isEqualTo("-");
        assertThat(m.isCode(966)).isTrue();
    }

    @Test
    void fragmentThatStartsBetweenFunctionsAndALabel() {
        String image = String.join(
                "\n",
                "	if (!page)",
                "		goto out;",
                "out:",
                "	return page;",
                "}",
                "",
                "#define FREE_BATCH 16",
                "static void brd_free_pages(struct brd_device *brd)",
                "{",
                "	int x;");
        CSourceMap m = CFunctionLocator.locateFragment(image, 100, Optional.of("brd_insert_page"));
        assertThat(at(m, 102)).as("a label stays inside").isEqualTo("brd_insert_page");
        assertThat(at(m, 104)).isEqualTo("brd_insert_page");
        assertThat(at(m, 106)).isEqualTo("-");
        assertThat(at(m, 109)).isEqualTo("brd_free_pages");
    }

    @Test
    void fragmentWhoseHeaderFunctionEndedBeforeTheHunk() {
        // git's header is the last line starting with a letter before the hunk
        String image = String.join("\n", "EXPORT_SYMBOL(a);", "", "static int b(void)", "{", "	return 2;");
        CSourceMap m = CFunctionLocator.locateFragment(image, 10, Optional.of("a"));
        assertThat(at(m, 10)).isEqualTo("-");
        assertThat(at(m, 14)).isEqualTo("b");
        assertThat(names(m)).containsExactly("b");
    }

    @Test
    void fragmentInsideAnInnerBlockAtTheStart() {
        String image = String.join(
                "\n",
                "		copied = bytes -",
                "			__copy_from_user_inatomic_nocache(kaddr + offset, buf, bytes);",
                "		kunmap_atomic(kaddr, KM_USER0);",
                "	}",
                "	return written;",
                "}");
        CSourceMap m = CFunctionLocator.locateFragment(image, 316, Optional.of("__xip_file_write"));
        assertThat(at(m, 317)).isEqualTo("__xip_file_write");
        assertThat(at(m, 320)).isEqualTo("__xip_file_write");
        assertThat(m.functions()).containsExactly(new CFunction("__xip_file_write", 316, 0, 321, false, false));
    }

    /** Seed 004's brd XIP patch: the hunk starts with the body's brace; the header has the signature. */
    @Test
    void fragmentStartingWithTheBodyOfTheHeaderFunction() {
        String image = String.join(
                "\n",
                "{",
                "	pgoff_t idx;",
                "	struct page *page;",
                "	gfp_t gfp_flags;",
                "",
                "	page = brd_lookup_page(brd, sector);",
                "	if (page)");
        CSourceMap m = CFunctionLocator.locateFragment(
                image, 89, CFunctionLocator.functionInHunkContext("static struct page *brd_insert_page(stru"));
        assertThat(at(m, 92)).isEqualTo("brd_insert_page");
        assertThat(m.functions()).containsExactly(new CFunction("brd_insert_page", 89, 89, 95, false, false));
    }

    @Test
    void fragmentStartingInsideAComment() {
        String image =
                String.join("\n", "	 * don't recurse into the block layer {", "	 */", "	page = alloc_page(gfp_flags);");
        CSourceMap m = CFunctionLocator.locateFragment(image, 97, Optional.of("brd_insert_page"));
        assertThat(m.isCode(97)).isFalse();
        assertThat(m.isCode(99)).isTrue();
        assertThat(at(m, 99)).isEqualTo("brd_insert_page");
    }
}
