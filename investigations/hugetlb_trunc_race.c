// SPDX-License-Identifier: GPL-2.0
/*
 * hugetlb_trunc_race.c - can a private COW huge page survive ftruncate()
 * of its hugetlbfs file when another thread of the mm holds the hugetlb
 * vma lock at the moment of the truncation?
 *
 * Background (Linux 7.3.4, fs/hugetlbfs/inode.c): hugetlb_vmtruncate()
 * sets i_size, takes i_mmap_rwsem for write and calls hugetlb_vmdelete_list(),
 * which only *tries* to take the hugetlb vma lock of each VMA
 * (hugetlb_vma_trylock_write()) and silently skips the VMA when that fails.
 * For a MAP_PRIVATE mapping (without MAP_NORESERVE) the vma lock is
 * resv_map->rw_sema, taken for read by every hugetlb fault and for write by
 * MADV_DONTNEED/munmap (__hugetlb_zap_begin()) of *any* page of the same VMA.
 * The second pass, remove_inode_hugepages(), only looks at folios in the
 * page cache, and an anonymous COW copy is never in the page cache, so a
 * skipped VMA keeps its COWed pages mapped beyond the new EOF.
 *
 * Layout: a hugetlbfs file of N huge pages, mmap(MAP_PRIVATE).  The last T
 * pages are "racing" pages, one per racing thread; pages 0..N-T-1 are
 * "victim" pages.  Each round:
 *   main: ftruncate(N pages); write a round-specific pattern into every
 *         victim page (write fault -> private anonymous COW huge page);
 *         ftruncate(0); read every page under a SIGBUS handler.
 *         Every page is beyond EOF now, so every read must raise SIGBUS.
 *         A victim page that is still readable and still holds this round's
 *         pattern is a HIT.  Then MADV_DONTNEED the whole mapping so that
 *         the next round starts clean.
 *   racer threads (continuously, on their own page only):
 *         fault    : MADV_DONTNEED(page) + write fault (read lock across
 *                    allocation + clearing of 2 MiB, write lock in zap)
 *         dontneed : MADV_DONTNEED(page) only (vma lock for write, then
 *                    waits for i_mmap_rwsem held by the truncation)
 *         read     : MADV_DONTNEED(page) + read fault
 *         mincore  : mincore() over the whole mapping (page walk takes the
 *                    vma lock for read; nothing is modified)
 *         none     : no racer (control: must give 0 hits)
 * The racers never touch victim pages, so a victim page readable after
 * ftruncate() returned can only be one the truncation failed to unmap.
 * A racer page still present after ftruncate() returned ("racer_page_hits")
 * is a fault that passed the i_size check before the truncation and
 * installed its page after it (hugetlb_no_page() does not re-check i_size
 * under the PTL).
 *
 * Other switches:
 *   -R  MAP_NORESERVE: a private VMA then has no vma lock at all, the
 *       trylock cannot fail -> stale_victim_pages must be 0 (control).
 *   -p  fallocate(PUNCH_HOLE) instead of ftruncate(0); hugetlbfs drops
 *       private COW pages on a punch, so a surviving one is the same skip.
 *       Run "-p -m none" first as the baseline (must be 0).
 *   -X  odd victims are page cache folios mapped read-only (fallocate +
 *       read) so that remove_inode_hugepages() -> hugetlb_unmap_file_folio()
 *       meets the busy private VMA.  DANGEROUS, see usage().
 *   -S  MAP_SHARED variant of the in-flight fault race (page cache folio
 *       beyond EOF, HugePages_Rsvd underflow).
 *   -F  self-test of this program on tmpfs only (not a kernel test).
 *
 * Build: clang-19 -O2 -static -pthread -o hugetlb_trunc_race hugetlb_trunc_race.c
 *        (or gcc with the same flags)
 * Run as root, hugetlbfs mounted (default dir /dev/hugepages).
 * Exit status: 0 = not reproduced, 1 = reproduced (stale page beyond EOF),
 *              2 = setup error, 3 = hugetlb accounting did not return to its
 *              starting values, 5 = hard timeout.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef HUGETLBFS_MAGIC
#define HUGETLBFS_MAGIC 0x958458f6
#endif
#ifndef MADV_DONTNEED
#define MADV_DONTNEED 4
#endif
#ifndef FALLOC_FL_KEEP_SIZE
#define FALLOC_FL_KEEP_SIZE 0x01
#endif
#ifndef FALLOC_FL_PUNCH_HOLE
#define FALLOC_FL_PUNCH_HOLE 0x02
#endif

#define MAX_RACERS 16
#define PAT_MAGIC  0x5a17000000000000ULL	/* victim: magic | round<<16 | page */
#define T2_MAGIC   0x7e57000000000000ULL	/* racer: magic | tid<<40 | iter */

enum mode { M_FAULT, M_DONTNEED, M_READ, M_MINCORE, M_NONE, M_PUNCHFAULT };
static const char *mode_name[] = { "fault", "dontneed", "read", "mincore", "none", "punchfault" };

/* configuration */
static long npages = 8;
static int nracers = 1;
static long max_rounds = 5000;
static int timeout_s = 120;
static enum mode mode = M_FAULT;
static int noreserve;
static int punch;		/* use FALLOC_FL_PUNCH_HOLE instead of ftruncate */
static int pin = 1;
static int verbose;
static int force_nonhuge;	/* -F: testing the program itself on tmpfs */
static int shared;		/* -S: MAP_SHARED, racer = punch own page + write fault */
static int pcmapped;		/* -X: odd victims map page cache folios read-only */
static const char *dir = "/dev/hugepages";

/* shared state */
static char *base;
static size_t hps;		/* huge page size */
static size_t maplen;
static int fd;
static volatile sig_atomic_t stop;
static volatile int pause_req;
static volatile int paused_cnt;
static volatile int shrunk;	/* -S: main has truncated, racers do not punch */

struct racer {
	pthread_t th;
	int id;
	char *page;
	unsigned long iters, ok, sigbus;
};
static struct racer racers[MAX_RACERS];

/* ---- SIGBUS probing (per thread) ---- */
static __thread sigjmp_buf *volatile tls_jb;

static void bus_handler(int sig, siginfo_t *si, void *uc)
{
	(void)sig; (void)si; (void)uc;
	if (tls_jb)
		siglongjmp(*tls_jb, 1);
	static const char msg[] = "hugetlb_trunc_race: unexpected SIGBUS outside a probe\n";
	write(2, msg, sizeof(msg) - 1);
	_exit(4);
}

/*
 * Read *p into *out, or write v to it if out is NULL: 1 if the access
 * completed, 0 if it raised SIGBUS.
 */
static int probe(volatile uint64_t *p, uint64_t *out, uint64_t v)
{
	sigjmp_buf jb;

	if (sigsetjmp(jb, 1)) {
		tls_jb = NULL;
		__atomic_signal_fence(__ATOMIC_SEQ_CST);
		return 0;
	}
	tls_jb = &jb;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	if (out)
		*out = *p;
	else
		*p = v;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	tls_jb = NULL;
	return 1;
}

static int probe_read(volatile uint64_t *p, uint64_t *out)
{
	return probe(p, out, 0);
}

static int probe_write(volatile uint64_t *p, uint64_t v)
{
	return probe(p, NULL, v);
}

/* ---- timeout ---- */
static void alrm_handler(int sig)
{
	(void)sig;
	if (!stop) {
		stop = 1;
		alarm(15);	/* grace period for a clean summary */
		return;
	}
	static const char msg[] = "hugetlb_trunc_race: HARD TIMEOUT, something is stuck (task in D state?)\n";
	write(2, msg, sizeof(msg) - 1);
	_exit(5);
}

/* ---- /proc/meminfo ---- */
struct hmi { unsigned long total, freep, rsvd, surp; };

static void read_meminfo(struct hmi *m)
{
	char line[256];
	FILE *f = fopen("/proc/meminfo", "r");

	memset(m, 0xff, sizeof(*m));
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		sscanf(line, "HugePages_Total: %lu", &m->total);
		sscanf(line, "HugePages_Free: %lu", &m->freep);
		sscanf(line, "HugePages_Rsvd: %lu", &m->rsvd);
		sscanf(line, "HugePages_Surp: %lu", &m->surp);
	}
	fclose(f);
}

static void print_meminfo(const char *tag, const struct hmi *m)
{
	printf("  meminfo %-14s HugePages_Total=%lu Free=%lu Rsvd=%lu Surp=%lu\n",
	       tag, m->total, m->freep, m->rsvd, m->surp);
}

static void pin_to(int cpu)
{
	cpu_set_t set;

	if (!pin)
		return;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);	/* best effort */
}

/* ---- racer thread ---- */
static void *racer_fn(void *arg)
{
	struct racer *r = arg;
	volatile uint64_t *p = (volatile uint64_t *)r->page;
	/* mincore() reports one byte per base page, not per huge page */
	unsigned char *vec = malloc(maplen / (size_t)sysconf(_SC_PAGESIZE) + 1);
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	sigset_t s;
	uint64_t v;

	sigemptyset(&s);
	sigaddset(&s, SIGALRM);
	pthread_sigmask(SIG_BLOCK, &s, NULL);
	if (ncpu > 1)
		pin_to(1 + r->id % (ncpu - 1));

	while (!stop) {
		if (pause_req) {
			__atomic_add_fetch(&paused_cnt, 1, __ATOMIC_SEQ_CST);
			while (pause_req && !stop)
				sched_yield();
			__atomic_sub_fetch(&paused_cnt, 1, __ATOMIC_SEQ_CST);
			continue;
		}
		switch (mode) {
		case M_FAULT:
			madvise(r->page, hps, MADV_DONTNEED);
			if (probe_write(p, T2_MAGIC | ((uint64_t)r->id << 40) | r->iters))
				r->ok++;
			else
				r->sigbus++;
			break;
		case M_READ:
			madvise(r->page, hps, MADV_DONTNEED);
			if (probe_read(p, &v))
				r->ok++;
			else
				r->sigbus++;
			break;
		case M_DONTNEED:
			madvise(r->page, hps, MADV_DONTNEED);
			r->ok++;
			break;
		case M_MINCORE:
			if (vec)
				mincore(base, maplen, vec);
			r->ok++;
			break;
		case M_PUNCHFAULT:
			/* shared mapping: force a fresh page cache allocation
			 * (alloc + clear 2 MiB under the vma lock) every time */
			if (!shrunk)
				fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
					  (off_t)(r->page - base), (off_t)hps);
			if (probe_write(p, T2_MAGIC | ((uint64_t)r->id << 40) | r->iters))
				r->ok++;
			else
				r->sigbus++;
			break;
		case M_NONE:
			break;
		}
		r->iters++;
	}
	free(vec);
	return NULL;
}

static void pause_racers(void)
{
	pause_req = 1;
	while (__atomic_load_n(&paused_cnt, __ATOMIC_SEQ_CST) < nracers && !stop)
		sched_yield();
}

static void resume_racers(void)
{
	pause_req = 0;
}

static int shrink(void)
{
	if (punch)
		return fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0,
				 (off_t)maplen);
	return ftruncate(fd, 0);
}

static void usage(const char *p)
{
	fprintf(stderr,
		"usage: %s [-n pages] [-T racers] [-r rounds] [-t timeout_s]\n"
		"          [-m fault|dontneed|read|mincore|none] [-R] [-p] [-X] [-S] [-P] [-v] [-d dir]\n"
		"  -n  huge pages in the file/mapping (default 8; last T are racer pages)\n"
		"  -T  racing threads (default 1, max %d; 0 == -m none)\n"
		"  -r  rounds (default 5000)   -t  timeout in seconds (default 120)\n"
		"  -m  what the racing threads do (default fault)\n"
		"  -R  mmap with MAP_NORESERVE (private vma lock does not exist: control)\n"
		"  -p  fallocate(PUNCH_HOLE) of the whole file instead of ftruncate(0)\n"
		"  -X  odd victim pages are fallocate()d into the page cache and only\n"
		"      read (mapped read-only) instead of COWed: makes the page cache pass\n"
		"      (hugetlb_unmap_file_folio) meet the private VMA whose vma lock is\n"
		"      held. DANGEROUS: per code analysis this can WARN/oops/hang the\n"
		"      kernel (vm_private_data of a private VMA used as hugetlb_vma_lock)\n"
		"  -S  MAP_SHARED instead; racers punch their own page and write-fault it\n"
		"      again (in-flight page cache fault vs truncation); checks the racer\n"
		"      pages and HugePages_Rsvd after every truncation\n"
		"  -P  do not pin threads to CPUs     -v  print every hit\n"
		"  -d  hugetlbfs directory (default /dev/hugepages)\n",
		p, MAX_RACERS);
	exit(2);
}

static int run_one(int argc, char **argv);

/* No arguments: run the control, the races and the variants in turn (not -X). */
int main(int argc, char **argv)
{
	static const char *const sets[][4] = {
		{ "-m", "none", "-r", "300" }, { "-m", "fault", NULL }, { "-m", "dontneed", NULL },
		{ "-m", "mincore", NULL }, { "-R", NULL }, { "-p", "-m", "none" }, { "-p", NULL },
		{ "-S", NULL },
	};
	unsigned int i;

	if (argc > 1)
		return run_one(argc, argv);
	for (i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
		char *args[8] = { argv[0] };
		int st, n = 1, k;
		pid_t pid;

		for (k = 0; k < 4 && sets[i][k]; k++)
			args[n++] = (char *)sets[i][k];
		args[n++] = "-t";
		args[n++] = "30";
		printf("==== run %u:", i);
		for (k = 1; k < n; k++)
			printf(" %s", args[k]);
		printf("\n");
		fflush(stdout);
		pid = fork();
		if (!pid) {
			execv("/proc/self/exe", args);
			_exit(127);
		}
		waitpid(pid, &st, 0);
		printf("==== run %u exit %d\n", i, WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
		fflush(stdout);
	}
	return 0;
}

static int run_one(int argc, char **argv)
{
	struct hmi m_start, m_map, m_hit, m_end;
	struct sigaction sa;
	struct statfs sfs;
	struct timespec t0, t1;
	char path[4096];
	unsigned long rounds = 0, hit_rounds = 0, stale_pages = 0, odd_pages = 0;
	unsigned long racer_page_hits = 0, sigbus_ok = 0, first_hit_round = 0;
	unsigned long ro_stale = 0, rsvd_wrap = 0;
	int demo_done = 0, c, i, rc = 0;
	long nvictim, j;

	while ((c = getopt(argc, argv, "n:T:r:t:m:RpPvFSXd:h")) != -1) {
		switch (c) {
		case 'n': npages = atol(optarg); break;
		case 'T': nracers = atoi(optarg); break;
		case 'r': max_rounds = atol(optarg); break;
		case 't': timeout_s = atoi(optarg); break;
		case 'm':
			for (i = 0; i <= M_PUNCHFAULT; i++)
				if (!strcmp(optarg, mode_name[i]))
					break;
			if (i > M_PUNCHFAULT)
				usage(argv[0]);
			mode = i;
			break;
		case 'R': noreserve = 1; break;
		case 'p': punch = 1; break;
		case 'P': pin = 0; break;
		case 'v': verbose = 1; break;
		case 'F': force_nonhuge = 1; break;
		case 'S': shared = 1; break;
		case 'X': pcmapped = 1; break;
		case 'd': dir = optarg; break;
		default: usage(argv[0]);
		}
	}
	if (shared && mode != M_NONE)
		mode = M_PUNCHFAULT;
	if (mode == M_PUNCHFAULT && !shared)
		usage(argv[0]);
	if ((shared && (pcmapped || punch || noreserve)) || (pcmapped && punch))
		usage(argv[0]);
	if (mode == M_NONE)
		nracers = 0;
	if (nracers == 0)
		mode = M_NONE;
	if (nracers < 0 || nracers > MAX_RACERS || npages < nracers + 1 || npages > 1000)
		usage(argv[0]);
	nvictim = npages - nracers;

	setvbuf(stdout, NULL, _IOLBF, 0);

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = bus_handler;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, NULL);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = alrm_handler;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	alarm(timeout_s);

	read_meminfo(&m_start);

	snprintf(path, sizeof(path), "%s/hugetlb_trunc_race.%d", dir, getpid());
	fd = open(path, O_CREAT | O_RDWR | O_EXCL, 0600);
	if (fd < 0) {
		fprintf(stderr, "open %s: %s (is hugetlbfs mounted there?)\n", path, strerror(errno));
		return 2;
	}
	unlink(path);	/* the inode lives on while fd/mapping hold it */
	if (fstatfs(fd, &sfs) || (sfs.f_type != HUGETLBFS_MAGIC && !force_nonhuge)) {
		fprintf(stderr, "%s is not on hugetlbfs\n", dir);
		return 2;
	}
	hps = sfs.f_type == HUGETLBFS_MAGIC ? (size_t)sfs.f_bsize : 2UL << 20;
	maplen = (size_t)npages * hps;

	if (ftruncate(fd, (off_t)maplen)) {
		perror("ftruncate");
		return 2;
	}
	base = mmap(NULL, maplen, PROT_READ | PROT_WRITE,
		    (shared ? MAP_SHARED : MAP_PRIVATE) | (noreserve ? MAP_NORESERVE : 0), fd, 0);
	if (base == MAP_FAILED) {
		fprintf(stderr, "mmap %zu bytes: %s (enough free huge pages?)\n",
			maplen, strerror(errno));
		return 2;
	}
	read_meminfo(&m_map);

	printf("hugetlb_trunc_race: op=%s mode=%s racers=%d pages=%ld (victims=%ld) "
	       "hpage=%zukB %s rounds<=%ld timeout=%ds pid=%d\n",
	       punch ? "punch-hole" : "ftruncate(0)", mode_name[mode], nracers, npages,
	       nvictim, hps >> 10, shared ? "MAP_SHARED" :
	       (noreserve ? "MAP_PRIVATE|MAP_NORESERVE" :
		(pcmapped ? "MAP_PRIVATE +page-cache-mapped victims (-X)" : "MAP_PRIVATE")),
	       max_rounds, timeout_s, getpid());
	print_meminfo("start:", &m_start);
	print_meminfo("after mmap:", &m_map);

	pin_to(0);
	for (i = 0; i < nracers; i++) {
		racers[i].id = i;
		racers[i].page = base + (size_t)(nvictim + i) * hps;
		if (pthread_create(&racers[i].th, NULL, racer_fn, &racers[i])) {
			perror("pthread_create");
			return 2;
		}
	}

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (rounds = 0; rounds < (unsigned long)max_rounds && !stop; rounds++) {
		unsigned long hits = 0;
		long first = -1;
		uint64_t v, exp;

		if (ftruncate(fd, (off_t)maplen)) {
			perror("ftruncate(grow)");
			rc = 2;
			break;
		}
		shrunk = 0;
		if (pcmapped && fallocate(fd, 0, 0, (off_t)nvictim * (off_t)hps)) {
			perror("fallocate(victims)");
			rc = 2;
			break;
		}
		/* COW every victim page with this round's pattern
		 * (-X: only the even ones; odd ones are read, mapping the page
		 * cache folio read-only; -S: victims are not used) */
		for (j = 0; j < nvictim && !shared; j++) {
			if (pcmapped && (j & 1)) {
				if (!probe_read((volatile uint64_t *)(base + j * hps), &v)) {
					fprintf(stderr, "round %lu: SIGBUS reading page %ld inside EOF\n",
						rounds, j);
					rc = 2;
					goto out;
				}
				continue;
			}
			exp = PAT_MAGIC | ((uint64_t)(rounds & 0xffffffffu) << 16) | (uint64_t)j;
			if (!probe_write((volatile uint64_t *)(base + j * hps), exp)) {
				fprintf(stderr, "round %lu: SIGBUS writing page %ld inside EOF "
					"(huge page pool exhausted?)\n", rounds, j);
				rc = 2;
				goto out;
			}
		}

		/* the operation under test, racing with the racer threads */
		if (shrink()) {
			perror(punch ? "fallocate(PUNCH_HOLE)" : "ftruncate(0)");
			rc = 2;
			break;
		}

		shrunk = 1;
		if (shared) {
			struct hmi mm;

			read_meminfo(&mm);
			if (mm.rsvd > mm.total + mm.surp) {
				if (!rsvd_wrap)
					printf("  RSVD round %lu: HugePages_Rsvd=%lu > Total=%lu "
					       "right after truncation (reserve count underflow)\n",
					       rounds, mm.rsvd, mm.total);
				rsvd_wrap++;
			}
		}

		/* every victim page must now be gone */
		for (j = 0; j < nvictim && !shared; j++) {
			if (pcmapped && (j & 1)) {
				if (probe_read((volatile uint64_t *)(base + j * hps), &v)) {
					ro_stale++;
					if (verbose || ro_stale <= 5)
						printf("  RO-STALE round %lu page %ld: page cache folio "
						       "still mapped beyond EOF (0x%016llx)\n", rounds, j,
						       (unsigned long long)v);
				} else {
					sigbus_ok++;
				}
				continue;
			}
			exp = PAT_MAGIC | ((uint64_t)(rounds & 0xffffffffu) << 16) | (uint64_t)j;
			if (!probe_read((volatile uint64_t *)(base + j * hps), &v)) {
				sigbus_ok++;	/* truncate: correct */
				continue;
			}
			if (v == exp) {
				hits++;
				if (first < 0)
					first = j;
				if (verbose)
					printf("  HIT round %lu page %ld: readable after %s, "
					       "value 0x%016llx (old private data)\n", rounds, j,
					       punch ? "punch" : "truncate", (unsigned long long)v);
			} else if (!punch || v != 0) {
				/* punch: 0 means freshly faulted zero page == correct */
				odd_pages++;
				if (verbose || odd_pages <= 5)
					printf("  ODD round %lu page %ld: readable, value 0x%016llx "
					       "(expected %s)\n", rounds, j, (unsigned long long)v,
					       punch ? "0" : "SIGBUS");
			} else {
				sigbus_ok++;	/* punch: correct (zero) */
			}
		}
		/* racer pages: must also be beyond EOF (truncate mode only) */
		if (!punch) {
			for (i = 0; i < nracers; i++) {
				if (probe_read((volatile uint64_t *)racers[i].page, &v) &&
				    (v & 0xffff000000000000ULL) == T2_MAGIC) {
					/* the racer may have been about to DONTNEED it, but
					 * any present page beyond EOF after ftruncate()
					 * returned was missed by (or installed after) the
					 * truncation */
					racer_page_hits++;
					if (verbose)
						printf("  RACER-PAGE round %lu racer %d: page beyond EOF "
						       "readable after truncate (0x%016llx)\n",
						       rounds, i, (unsigned long long)v);
				}
			}
		}

		if (hits) {
			hit_rounds++;
			stale_pages += hits;
			if (!first_hit_round)
				first_hit_round = rounds + 1;
		}

		/* one-time demonstration on the first hit, racers paused */
		if (hits && !demo_done && !punch && !pcmapped) {
			volatile uint64_t *p = (volatile uint64_t *)(base + first * hps);
			uint64_t exp1 = PAT_MAGIC | ((uint64_t)(rounds & 0xffffffffu) << 16) |
					(uint64_t)first;
			int r1, r2, r3;
			uint64_t v1 = 0, v2 = 0, v3 = 0;

			demo_done = 1;
			pause_racers();
			r1 = probe_read(p, &v1);
			read_meminfo(&m_hit);
			printf("FIRST HIT: round %lu, page %ld (file offset %zu >= i_size 0): "
			       "%d stale page(s); private COW data 0x%016llx still readable "
			       "where SIGBUS is required\n", rounds, first, first * hps, (int)hits,
			       (unsigned long long)exp1);
			printf("  re-read with racers paused: %s\n",
			       r1 ? (v1 == exp1 ? "still readable, same old data" : "readable, other data")
				  : "SIGBUS (gone)");
			print_meminfo("stale mapped:", &m_hit);
			/* regrow: the file is all zeroes again; a correct private
			 * mapping shows zeroes (fresh fault), a stale one the old data */
			if (ftruncate(fd, (off_t)maplen) == 0) {
				r2 = probe_read(p, &v2);
				printf("  after ftruncate back to %ld pages (file content is zeroes): "
				       "mapping reads %s%s\n", npages,
				       r2 ? "" : "SIGBUS",
				       r2 ? (v2 == exp1 ? "the OLD pre-truncate private data (stale page survived)"
						: (v2 == 0 ? "0 (fresh page; correct)" : "unexpected data")) : "");
				/* uncontended truncation: is the stale page caught now? */
				if (ftruncate(fd, 0) == 0) {
					r3 = probe_read(p, &v3);
					printf("  second ftruncate(0), no racer active: %s\n",
					       r3 ? "STILL readable (not cleaned up by a later truncation)"
						  : "SIGBUS (a later uncontended truncation removes it)");
				}
			}
			resume_racers();
		}

		/* start the next round clean: drop whatever is left mapped */
		if (!shared)
			madvise(base, (size_t)nvictim * hps, MADV_DONTNEED);
	}
out:
	clock_gettime(CLOCK_MONOTONIC, &t1);
	stop = 1;
	pause_req = 0;
	for (i = 0; i < nracers; i++)
		pthread_join(racers[i].th, NULL);
	alarm(0);

	munmap(base, maplen);
	close(fd);
	usleep(100000);
	read_meminfo(&m_end);

	printf("racers:");
	for (i = 0; i < nracers; i++)
		printf(" [%d] iters=%lu ok=%lu sigbus=%lu", i, racers[i].iters, racers[i].ok,
		       racers[i].sigbus);
	printf("%s\n", nracers ? "" : " none");
	print_meminfo("end (unmapped):", &m_end);
	if (m_end.freep != m_start.freep || m_end.rsvd != m_start.rsvd) {
		printf("ACCOUNTING: HugePages_Free/Rsvd did not return to start values "
		       "(Free %lu->%lu, Rsvd %lu->%lu)%s\n", m_start.freep, m_end.freep,
		       m_start.rsvd, m_end.rsvd,
		       " -- check that nothing else uses huge pages");
		if (!rc)
			rc = 3;
	} else {
		printf("ACCOUNTING: HugePages_Free/Rsvd back to start values (no leak after munmap)\n");
	}

	if (pcmapped)
		printf("NOTE (-X): look at dmesg for 'refcount_t: addition on 0', a general "
		       "protection fault in down_write/rwsem code or hugetlb_unmap_file_folio, "
		       "or hung tasks\n");
	printf("SUMMARY: op=%s mode=%s racers=%d%s%s%s rounds=%lu time=%.1fs hit_rounds=%lu "
	       "stale_victim_pages=%lu first_hit_round=%lu racer_page_hits=%lu ro_stale=%lu "
	       "rsvd_underflow=%lu odd=%lu correct_probes=%lu%s => %s\n",
	       punch ? "punch" : "truncate", mode_name[mode], nracers,
	       noreserve ? " noreserve" : "", shared ? " shared" : "", pcmapped ? " pcmapped" : "",
	       rounds,
	       (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9,
	       hit_rounds, stale_pages, first_hit_round, racer_page_hits, ro_stale, rsvd_wrap,
	       odd_pages, sigbus_ok,
	       stop && rounds < (unsigned long)max_rounds ? " (stopped by timeout)" : "",
	       shared ? ((racer_page_hits || rsvd_wrap) ?
			 "REPRODUCED (shared: page cache folio beyond EOF / reserve underflow)" :
			 "NOT REPRODUCED") :
	       (stale_pages || racer_page_hits || ro_stale) ?
		       (punch ? "REPRODUCED (COW page survived punch hole)"
			      : "REPRODUCED (private COW huge page mapped beyond EOF)")
		       : "NOT REPRODUCED");
	if (rc == 2)
		return 2;
	if (stale_pages || racer_page_hits || ro_stale || rsvd_wrap)
		return 1;
	return rc;
}
