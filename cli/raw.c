// SPDX-License-Identifier: GPL-2.0-only
/*
 * raw: one line per record, as recorded, with what the symbols say of it:
 *
 *   INDEX TYPE PC FUNCTION+OFFSET FILE:LINE
 *
 * TYPE is entry, exit, normal or unknown (classic areas: pc). PC is the
 * run-time address (kernel PCs with their top byte back). FILE:LINE is
 * the hook call's source line from DWARF, "?" without it; FUNCTION+OFFSET
 * is "?" without symbols.
 */
#include <inttypes.h>

#include "kcov-ext.h"

static const char *const type_names[] = {
	[KCOV_REC_ENTRY] = "entry",
	[KCOV_REC_EXIT] = "exit",
	[KCOV_REC_NORMAL] = "normal",
	[KCOV_REC_UNKNOWN] = "unknown",
};

static uint64_t unknown;

static void print_record(struct cli *cli, uint64_t index, uint64_t record)
{
	enum kcov_record_type type = cli->ext ? kcov_record_type(record) : KCOV_REC_NORMAL;
	uint64_t pc = cli->ext ? kcov_record_ip(record) : record;
	struct kcov_pc_info info;
	const char *file;
	int line;

	printf("%" PRIu64 " %s ", index, cli->ext ? type_names[type] : "pc");
	if (type == KCOV_REC_UNKNOWN) {
		unknown++;
		printf("0x%016" PRIx64 " ? ?\n", record);
		return;
	}
	if (!cli->syms) {
		printf("0x%" PRIx64 " ? ?\n", pc);
		return;
	}
	kcov_symbols_lookup(cli->syms, pc, &info);
	printf("0x%" PRIx64 " %s+0x%" PRIx64 " ", info.address,
	       cli_fn(cli, cli_function_of(cli, pc))->name, info.address - info.function);
	if (!kcov_symbols_source(cli->syms, pc, &file, &line))
		printf("%s:%d\n", file, line);
	else
		printf("?\n");
}

static int raw_run(struct cli *cli, struct kcov_area *area)
{
	const uint64_t *records;
	uint64_t index = 0;
	long n;

	kcov_area_rewind(area);
	while ((n = kcov_area_read(area, &records)) > 0)
		for (long i = 0; i < n; i++)
			print_record(cli, index++, records[i]);
	if (n < 0) {
		perror("kcov-ext");
		return 2;
	}
	if (unknown) {
		fprintf(stderr, "kcov-ext: %s: %llu records of unknown type (top nibble not 0, 1 or f): not an ext area, or corrupt\n",
			cli->file, (unsigned long long)unknown);
		return 1;
	}
	return 0;
}

const struct view raw_view = {
	.name = "raw",
	.help = "one line per record: index, type, PC, function+offset, file:line",
	.run = raw_run,
};
