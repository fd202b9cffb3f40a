/* esfault.c: write errors on demand, for tests (issue 13).  Loaded with
 * LD_PRELOAD, it makes writes to chosen files fail as a full disk does:
 *
 *   ESFAULT_MATCH  a substring of the paths to fail (e.g. the ledger's
 *                  path: it matches the database, its -wal and -journal)
 *   ESFAULT_AFTER  how many writes to those files succeed first; unset,
 *                  none fails (the writes are only counted)
 *   ESFAULT_LOG    a file that gets one line when the first write fails, so
 *                  that the test knows the fault was reached
 *   ESFAULT_COUNT  a file that gets, at exit, the number of writes to the
 *                  matching files (to choose fault points across a run)
 *
 * write, pwrite and pwrite64 are wrapped (SQLite's unix VFS writes with
 * pwrite64 or pwrite; stdio with write).  A failing call sets errno to
 * ENOSPC and returns -1; every later one fails too, as on a full disk.
 * Without ESFAULT_MATCH the shim does nothing.  A test helper: not part of
 * the library, never installed. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static int ready;
static long long remaining;         /* matching writes still allowed; -1 = all */
static long long total;             /* matching writes seen */
static const char *match;
static int logged;

static void
setup(void)
{
	const char *after;

	if (ready)
		return;
	ready = 1;
	match = getenv("ESFAULT_MATCH");
	after = getenv("ESFAULT_AFTER");
	remaining = after != NULL ? strtoll(after, NULL, 10) : -1;
	if (after != NULL && remaining < 0)
		remaining = 0;
}

__attribute__((destructor)) static void
report_count(void)
{
	const char *path = getenv("ESFAULT_COUNT");
	FILE *fp;

	if (path == NULL || (fp = fopen(path, "w")) == NULL)
		return;
	fprintf(fp, "%lld\n", total);
	fclose(fp);
}

/* Should this write to fd fail? */
static int
fails(int fd)
{
	char link[64], path[PATH_MAX];
	ssize_t n;

	setup();
	if (match == NULL || *match == '\0' || fd < 0)
		return 0;
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	n = readlink(link, path, sizeof path - 1);
	if (n < 0)
		return 0;
	path[n] = '\0';
	if (strstr(path, match) == NULL)
		return 0;
	total++;
	if (remaining < 0)
		return 0;
	if (remaining > 0) {
		remaining--;
		return 0;
	}
	if (!logged) {
		const char *log = getenv("ESFAULT_LOG");

		logged = 1;
		if (log != NULL) {
			int lfd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0600);

			if (lfd >= 0) {
				char line[PATH_MAX + 32];
				int len = snprintf(line, sizeof line, "ENOSPC on %s\n", path);
				ssize_t (*real_write)(int, const void *, size_t) =
					(ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");

				if (real_write != NULL && len > 0)
					(void)real_write(lfd, line, (size_t)len < sizeof line ? (size_t)len : sizeof line - 1);
				close(lfd);
			}
		}
	}
	errno = ENOSPC;
	return 1;
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	static ssize_t (*real)(int, const void *, size_t);

	if (fails(fd))
		return -1;
	if (real == NULL)
		real = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	return real(fd, buf, n);
}

ssize_t
pwrite(int fd, const void *buf, size_t n, off_t off)
{
	static ssize_t (*real)(int, const void *, size_t, off_t);

	if (fails(fd))
		return -1;
	if (real == NULL)
		real = (ssize_t (*)(int, const void *, size_t, off_t))dlsym(RTLD_NEXT, "pwrite");
	return real(fd, buf, n, off);
}

ssize_t
pwrite64(int fd, const void *buf, size_t n, off64_t off)
{
	static ssize_t (*real)(int, const void *, size_t, off64_t);

	if (fails(fd))
		return -1;
	if (real == NULL)
		real = (ssize_t (*)(int, const void *, size_t, off64_t))dlsym(RTLD_NEXT, "pwrite64");
	return real(fd, buf, n, off);
}
