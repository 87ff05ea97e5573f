// SPDX-License-Identifier: GPL-2.0-only
/*
 * kcov-ext-mkarea: write a kcov area from a text description, for decoder
 * tests. Reads lines from standard input:
 *   entry ADDR | exit ADDR | normal ADDR   an ext record (ADDR: hex)
 *   raw VALUE                              a record as is (hex)
 *   count N                                write N (hex) as the count instead
 *   trailing N                             append N (hex) stray bytes
 * and writes the area (little-endian u64 count, then records) to FILE.
 *
 * Usage: kcov-ext-mkarea FILE < description
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kcov_record.h"

static void put64(FILE *out, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		fputc((int)(v >> (8 * i) & 0xff), out);
}

int main(int argc, char **argv)
{
	uint64_t *records = NULL, count_override = 0;
	size_t n = 0, cap = 0, trailing = 0;
	int have_count = 0;
	char word[32];
	unsigned long long value;
	FILE *out;

	if (argc != 2) {
		fprintf(stderr, "usage: kcov-ext-mkarea FILE < description\n");
		return 2;
	}
	while (scanf("%31s %llx", word, &value) == 2) {
		uint64_t record;

		if (!strcmp(word, "count")) {
			count_override = value;
			have_count = 1;
			continue;
		}
		if (!strcmp(word, "trailing")) {
			trailing = value;
			continue;
		}
		if (!strcmp(word, "entry"))
			record = (value & KCOV_RECORD_IP_MASK) | KCOV_RECORDFLAG_TYPE_ENTRY;
		else if (!strcmp(word, "exit"))
			record = (value & KCOV_RECORD_IP_MASK) | KCOV_RECORDFLAG_TYPE_EXIT;
		else if (!strcmp(word, "normal"))
			record = (value & KCOV_RECORD_IP_MASK) | KCOV_RECORDFLAG_TYPE_NORMAL;
		else if (!strcmp(word, "raw"))
			record = value;
		else {
			fprintf(stderr, "kcov-ext-mkarea: unknown word '%s'\n", word);
			return 2;
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			records = realloc(records, cap * sizeof(*records));
			if (!records)
				return 2;
		}
		records[n++] = record;
	}
	out = fopen(argv[1], "wb");
	if (!out) {
		fprintf(stderr, "kcov-ext-mkarea: %s: cannot write\n", argv[1]);
		return 2;
	}
	put64(out, have_count ? count_override : n);
	for (size_t i = 0; i < n; i++)
		put64(out, records[i]);
	for (size_t i = 0; i < trailing; i++)
		fputc(0xab, out);
	free(records);
	return fclose(out) ? 2 : 0;
}
