// SPDX-License-Identifier: GPL-2.0
/*
 * daxspec-probe: what xfs_io 6.1 cannot do, in xfs_io's own words.
 *
 * xfs_io maps files MAP_SHARED only. daxspec-probe takes the same command line for
 * the mapping commands and adds private mappings (mmap -p, MAP_PRIVATE), printing
 * exactly what xfs_io prints (io/mmap.c, io/pread.c's dump format, perror() texts),
 * so the oracle models both with one printer:
 *
 *   daxspec-probe [-f] [-r] -c CMD [-c CMD ...] FILE
 *   CMD: mmap [-r] [-w] [-x] [-p | -S] off len | mread [-v | -f] [off len]
 *        | mwrite [-S seed] [off len] | msync [-a] [-i] [-s] [off len] | munmap
 *        | fpunch off len | truncate size       (so they can act under a live mapping)
 *
 * Numbers are what xfs_io's cvtnum() takes (decimal, 0x, k/m/g suffixes). Bad
 * command lines print a usage line and exit 2; the oracle never writes them.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/falloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MAP_SHARED_VALIDATE
#define MAP_SHARED_VALIDATE 0x03
#endif
#ifndef MAP_SYNC
#define MAP_SYNC 0x80000
#endif

struct mapping {
	char *addr;
	long long offset;
	long long length;
	int prot;
	int flags;
};

static struct mapping maps[64];
static int nmaps;
static int cur = -1;
static int exitcode;
static long pagesize;
static const char *path;

static void usage(const char *what)
{
	fprintf(stderr, "daxspec-probe: %s\n", what);
	exit(2);
}

/* libfrog/convert.c cvtnum() for the units the oracle uses. */
static long long number(const char *s)
{
	char *end;
	long long v = strtoll(s, &end, 0);

	if (end == s)
		usage("bad number");
	if (!*end)
		return v;
	if (end[1])
		usage("bad number");
	switch (tolower((unsigned char)*end)) {
	case 'k': return v << 10;
	case 'm': return v << 20;
	case 'g': return v << 30;
	}
	usage("bad number");
	return 0;
}

static void dump_buffer(long long offset, const char *p, long long len)
{
	for (long long i = 0; i < len; i += 16) {
		const char *s = p + i;

		printf("%08llx:  ", offset + i);
		for (long long j = 0; j < 16 && i + j < len; j++)
			printf("%02x ", (unsigned char)p[i + j]);
		printf(" ");
		for (long long j = 0; j < 16 && i + j < len; j++)
			putchar(isalnum((unsigned char)s[j]) ? s[j] : '.');
		printf("\n");
	}
}

/* io/mmap.c check_mapping_range(), quirks included. */
static char *in_range(struct mapping *m, long long offset, long long length, int pagealign)
{
	long long relative;

	if (offset < m->offset) {
		printf("offset (%lld) is before start of mapping (%lld)\n", offset, m->offset);
		return NULL;
	}
	relative = offset - m->offset;
	if (relative > m->length) {
		printf("offset (%lld) is beyond end of mapping (%lld)\n", relative, m->offset);
		return NULL;
	}
	if (relative + length > m->offset + m->length) {
		printf("range (%lld:%lld) is beyond mapping (%lld:%lld)\n", offset, relative, m->offset, m->length);
		return NULL;
	}
	if (pagealign && (long)(m->addr + relative) % pagesize) {
		printf("offset address (%p) is not page aligned\n", m->addr + relative);
		return NULL;
	}
	return m->addr + relative;
}

/* Splits one -c command into words; returns the count. */
static int words(char *cmd, char **w, int max)
{
	int n = 0;

	for (char *t = strtok(cmd, " \t"); t && n < max; t = strtok(NULL, " \t"))
		w[n++] = t;
	return n;
}

static struct mapping *current(void)
{
	if (cur < 0) {
		fprintf(stderr, "no mapped regions, try 'help mmap'\n");
		return NULL;
	}
	return &maps[cur];
}

static void range(struct mapping *m, int argc, char **argv, int optind, long long *off, long long *len)
{
	if (optind == argc) {
		*off = m->offset;
		*len = m->length;
	} else if (optind == argc - 2) {
		*off = number(argv[optind]);
		*len = number(argv[optind + 1]);
	} else {
		usage("expects [off len]");
	}
}

static void do_mmap(int argc, char **argv, int fd)
{
	int c, prot = 0, flags = MAP_SHARED;
	long long off, len;
	void *a;

	optind = 0;	/* GNU getopt: 0 resets its state between commands */
	while ((c = getopt(argc, argv, "rwxpS")) != -1) {
		switch (c) {
		case 'r': prot |= PROT_READ; break;
		case 'w': prot |= PROT_WRITE; break;
		case 'x': prot |= PROT_EXEC; break;
		case 'p': flags = MAP_PRIVATE; break;
		case 'S': flags = MAP_SYNC | MAP_SHARED_VALIDATE; break;
		default: usage("mmap [-r] [-w] [-x] [-p | -S] off len");
		}
	}
	if (!prot)
		prot = PROT_READ | PROT_WRITE | PROT_EXEC;
	if (optind != argc - 2)
		usage("mmap [-r] [-w] [-x] [-p | -S] off len");
	off = number(argv[optind]);
	len = number(argv[optind + 1]);
	a = mmap(NULL, len, prot, flags, fd, off);
	if (a == MAP_FAILED) {
		perror("mmap");
		exitcode = 1;
		return;
	}
	if (nmaps == 64)
		usage("too many mappings");
	maps[nmaps] = (struct mapping){ a, off, len, prot, flags };
	cur = nmaps++;
}

/* io/mmap.c mread_f(): dumps in chunks, the first of length % pagesize bytes. */
static void do_mread(int argc, char **argv)
{
	struct mapping *m = current();
	int c, dump = 0;
	long long off, len, print;
	char *start, *buf;
	long long dumplen, cnt = 0;

	if (!m)
		return;
	optind = 0;	/* GNU getopt: 0 resets its state between commands */
	while ((c = getopt(argc, argv, "fv")) != -1) {
		switch (c) {
		case 'f': dump = 2; break;
		case 'v': dump = 1; break;
		default: usage("mread [-f | -v] [off len]");
		}
	}
	range(m, argc, argv, optind, &off, &len);
	start = in_range(m, off, len, 0);
	if (!start) {
		exitcode = 1;
		return;
	}
	print = dump == 2 ? off : off - m->offset;
	buf = malloc(pagesize + 1);
	dumplen = len % pagesize ? len % pagesize : pagesize;
	for (long long t = 0, first = 1; t < len; t++, first = 0) {
		buf[cnt < pagesize ? cnt : pagesize] = start[t];
		cnt++;
		if (!first && cnt == dumplen) {
			if (dump)
				dump_buffer(print + t - (dumplen - 1), buf, dumplen);
			dumplen = pagesize;
			cnt = 0;
		}
	}
	free(buf);
}

static void do_mwrite(int argc, char **argv)
{
	struct mapping *m = current();
	int c, seed = 'X';
	long long off, len;
	char *start;

	if (!m)
		return;
	optind = 0;	/* GNU getopt: 0 resets its state between commands */
	while ((c = getopt(argc, argv, "S:")) != -1) {
		if (c != 'S')
			usage("mwrite [-S seed] [off len]");
		seed = (int)strtol(optarg, NULL, 0);
	}
	range(m, argc, argv, optind, &off, &len);
	start = in_range(m, off, len, 0);
	if (!start) {
		exitcode = 1;
		return;
	}
	for (long long t = 0; t < len; t++)
		start[t] = seed;
}

static void do_msync(int argc, char **argv)
{
	struct mapping *m = current();
	int c, flags = 0;
	long long off, len;
	char *start;

	if (!m)
		return;
	optind = 0;	/* GNU getopt: 0 resets its state between commands */
	while ((c = getopt(argc, argv, "ais")) != -1) {
		switch (c) {
		case 'a': flags |= MS_ASYNC; break;
		case 'i': flags |= MS_INVALIDATE; break;
		case 's': flags |= MS_SYNC; break;
		default: usage("msync [-a] [-i] [-s] [off len]");
		}
	}
	range(m, argc, argv, optind, &off, &len);
	start = in_range(m, off, len, 1);
	if (!start) {
		exitcode = 1;
		return;
	}
	if (msync(start, len, flags) < 0) {
		perror("msync");
		exitcode = 1;
	}
}

/* io/mmap.c munmap_f() and maplist_f(); private mappings are marked " P". */
static void do_munmap(void)
{
	struct mapping *m = current();

	if (!m)
		return;
	if (munmap(m->addr, m->length) < 0) {
		perror("munmap");
		exitcode = 1;
		return;
	}
	memmove(&maps[cur], &maps[cur + 1], (nmaps - cur - 1) * sizeof(maps[0]));
	if (--nmaps == 0)
		cur = -1;
	else if (cur == nmaps)
		cur--;
	for (int i = 0; i < nmaps; i++) {
		struct mapping *l = &maps[i];
		char prot[8];
		int sync = (l->flags & (MAP_SYNC | MAP_SHARED_VALIDATE)) == (MAP_SYNC | MAP_SHARED_VALIDATE);

		snprintf(prot, sizeof(prot), "%c%c%c%s", l->prot & PROT_READ ? 'r' : '-',
			 l->prot & PROT_WRITE ? 'w' : '-', l->prot & PROT_EXEC ? 'x' : '-',
			 sync ? " S" : (l->flags & MAP_PRIVATE) ? " P" : "");
		printf("%c%03d%c %p - %p %s  %14s (%lld : %lld)\n", i == cur ? '[' : ' ', i, i == cur ? ']' : ' ',
		       (void *)l->addr, (void *)(l->addr + l->length), prot, path, l->offset, l->length);
	}
}

/* io/prealloc.c fpunch_f() and io/truncate.c truncate_f(). */
static void do_fpunch(int argc, char **argv, int fd)
{
	if (argc != 3)
		usage("fpunch off len");
	if (fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, number(argv[1]), number(argv[2]))) {
		perror("fallocate");
		exitcode = 1;
	}
}

static void do_truncate(int argc, char **argv, int fd)
{
	if (argc != 2)
		usage("truncate size");
	if (ftruncate(fd, number(argv[1])) < 0) {
		perror("ftruncate");
		exitcode = 1;
	}
}

int main(int argc, char **argv)
{
	char *cmds[64];
	int ncmds = 0, create = 0, rdonly = 0, c, fd;

	pagesize = sysconf(_SC_PAGESIZE);
	while ((c = getopt(argc, argv, "frc:")) != -1) {
		switch (c) {
		case 'f': create = 1; break;
		case 'r': rdonly = 1; break;
		case 'c':
			if (ncmds == 64)
				usage("too many commands");
			cmds[ncmds++] = optarg;
			break;
		default: usage("usage: daxspec-probe [-f] [-r] -c CMD ... FILE");
		}
	}
	if (optind != argc - 1)
		usage("usage: daxspec-probe [-f] [-r] -c CMD ... FILE");
	path = argv[optind];
	fd = open(path, (rdonly ? O_RDONLY : O_RDWR) | (create ? O_CREAT : 0), 0600);
	if (fd < 0) {
		perror(path);
		return 1;
	}
	for (int i = 0; i < ncmds; i++) {
		char *w[16], *copy = strdup(cmds[i]);
		int n = words(copy, w, 16);

		if (n == 0)
			usage("empty command");
		if (!strcmp(w[0], "mmap"))
			do_mmap(n, w, fd);
		else if (!strcmp(w[0], "mread"))
			do_mread(n, w);
		else if (!strcmp(w[0], "mwrite"))
			do_mwrite(n, w);
		else if (!strcmp(w[0], "msync"))
			do_msync(n, w);
		else if (!strcmp(w[0], "munmap"))
			do_munmap();
		else if (!strcmp(w[0], "fpunch"))
			do_fpunch(n, w, fd);
		else if (!strcmp(w[0], "truncate"))
			do_truncate(n, w, fd);
		else
			usage("unknown command");
		free(copy);
	}
	return exitcode;
}
