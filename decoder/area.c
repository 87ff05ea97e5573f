// SPDX-License-Identifier: GPL-2.0-only
/*
 * kcov_area: an area read in chunks, from a file or from memory.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kcov_ext.h"

/* Records per chunk: 1 MiB. */
#define CHUNK_RECORDS	(1 << 17)

static uint64_t read_le64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

static int area_init(struct kcov_area *area, const unsigned char head[8], uint64_t size)
{
	if (size < 8)
		return KCOV_AREA_EMPTY;
	area->claimed = read_le64(head);
	area->slots = (size - 8) / 8;
	area->trailing_bytes = (size - 8) % 8;
	/* A dump holds exactly the counted records; a raw mmap area more. */
	area->records = area->claimed < area->slots ? area->claimed : area->slots;
	return area->claimed > area->slots ? KCOV_AREA_TRUNCATED : KCOV_AREA_OK;
}

/* A pipe cannot be read twice: copy it to an unlinked temporary file. */
static int spool(int in)
{
	char buf[1 << 16];
	FILE *tmp = tmpfile();
	int fd;
	ssize_t n;

	if (!tmp)
		return -1;
	fd = dup(fileno(tmp));
	fclose(tmp);
	if (fd < 0)
		return -1;
	while ((n = read(in, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		for (ssize_t done = 0; done < n;) {
			ssize_t w = write(fd, buf + done, n - done);

			if (w < 0)
				goto fail;
			done += w;
		}
	}
	return fd;
fail:
	n = errno;
	close(fd);
	errno = n;
	return -1;
}

static ssize_t pread_full(int fd, void *buf, size_t len, off_t off)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = pread(fd, (char *)buf + done, len - done, off + done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (!n)
			break;
		done += n;
	}
	return done;
}

int kcov_area_open(struct kcov_area *area, const char *path)
{
	unsigned char head[8];
	struct stat st;
	int fd, ret;

	memset(area, 0, sizeof(*area));
	area->fd = -1;
	fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : 0;
	if (fd < 0)
		return KCOV_AREA_IO;
	if (fstat(fd, &st))
		goto fail;
	if (!S_ISREG(st.st_mode)) {
		int copy = spool(fd);

		if (copy < 0)
			goto fail;
		if (fd)
			close(fd);
		fd = copy;
		if (fstat(fd, &st))
			goto fail;
	}
	area->fd = fd;
	area->buf = malloc(CHUNK_RECORDS * sizeof(*area->buf));
	if (!area->buf) {
		kcov_area_close(area);
		errno = ENOMEM;
		return KCOV_AREA_IO;
	}
	if (pread_full(fd, head, st.st_size < 8 ? 0 : 8, 0) < 0) {
		kcov_area_close(area);
		return KCOV_AREA_IO;
	}
	ret = area_init(area, head, st.st_size);
	if (ret == KCOV_AREA_EMPTY)
		kcov_area_close(area);
	return ret;
fail:
	ret = errno;
	if (fd > 0)
		close(fd);
	errno = ret;
	return KCOV_AREA_IO;
}

int kcov_area_from_memory(struct kcov_area *area, const void *data, size_t size)
{
	memset(area, 0, sizeof(*area));
	area->fd = -1;
	area->mem = data;
	return area_init(area, data, size);
}

long kcov_area_read(struct kcov_area *area, const uint64_t **records)
{
	uint64_t n = area->records - area->next;
	ssize_t got;

	if (n > CHUNK_RECORDS)
		n = CHUNK_RECORDS;
	if (!n)
		return 0;
	if (!area->buf) {
		area->buf = malloc(CHUNK_RECORDS * sizeof(*area->buf));
		if (!area->buf) {
			errno = ENOMEM;
			return -1;
		}
	}
	if (area->mem) {
		memcpy(area->buf, area->mem + 8 + area->next * 8, n * 8);
	} else {
		got = pread_full(area->fd, area->buf, n * 8, 8 + area->next * 8);
		if (got < 0)
			return -1;
		if ((uint64_t)got != n * 8) {
			/* The file shrank under us. */
			errno = EIO;
			return -1;
		}
	}
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	for (uint64_t i = 0; i < n; i++)
		area->buf[i] = __builtin_bswap64(area->buf[i]);
#endif
	area->next += n;
	*records = area->buf;
	return (long)n;
}

void kcov_area_rewind(struct kcov_area *area)
{
	area->next = 0;
}

void kcov_area_close(struct kcov_area *area)
{
	if (area->fd > 0)
		close(area->fd);
	area->fd = -1;
	free(area->buf);
	area->buf = NULL;
}
