// SPDX-License-Identifier: GPL-2.0-only
/*
 * flamegraph: a self-contained SVG flame graph of the folded stacks (no
 * script, no external font or style): one box per stack, as wide as the
 * records made in it and its callees, callers below callees, siblings in
 * name order as flamegraph.pl draws them. Each box has a tooltip (its
 * <title>) with the function, its records and their share.
 */
#include <stdlib.h>
#include <string.h>

#include "kcov-ext.h"

#define WIDTH		1200.0
#define PAD		10.0
#define FRAME_HEIGHT	16
#define FONT_SIZE	12
#define CHAR_WIDTH	(FONT_SIZE * 0.59)
#define MIN_WIDTH	0.1

struct box {
	uint64_t total;		/* records in it and its callees */
	uint32_t first_child, next_sibling;	/* node id + 1, or 0 */
	uint32_t depth;
	double x;
};

static const struct cli *sort_cli;
static const struct folded *sort_folded;

static int by_name(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	int c = strcmp(sort_cli->fns[sort_folded->nodes[x].fn - 1].name,
		       sort_cli->fns[sort_folded->nodes[y].fn - 1].name);

	return c ? c : (x > y) - (x < y);
}

static void xml_text(const char *s, size_t max)
{
	for (size_t i = 0; s[i] && i < max; i++) {
		switch (s[i]) {
		case '<':
			fputs("&lt;", stdout);
			break;
		case '>':
			fputs("&gt;", stdout);
			break;
		case '&':
			fputs("&amp;", stdout);
			break;
		case '"':
			fputs("&quot;", stdout);
			break;
		default:
			/* Control characters are not XML: name bytes, not text. */
			putchar((unsigned char)s[i] < 0x20 ? '?' : s[i]);
		}
	}
}

/* A warm colour per name, stable across runs. */
static void colour(const char *name, unsigned int *r, unsigned int *g, unsigned int *b)
{
	uint64_t h = mix64(5381);

	for (; *name; name++)
		h = mix64(h ^ (unsigned char)*name);
	*r = 205 + h % 50;
	*g = (h >> 8) % 230;
	*b = (h >> 16) % 55;
}

static void draw(const struct cli *cli, const struct box *box, uint32_t n, double scale,
		 unsigned int levels, uint64_t total)
{
	const struct function *f = &cli->fns[cli->folded.nodes[n].fn - 1];
	double w = box[n].total * scale;
	double y = PAD * 3 + (levels - 1 - box[n].depth) * FRAME_HEIGHT;
	unsigned int r, g, b;
	size_t fit;

	colour(f->name, &r, &g, &b);
	printf("<g><title>");
	xml_text(f->name, SIZE_MAX);
	printf(" (%llu records, %.2f%%)</title><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"rgb(%u,%u,%u)\" rx=\"2\" ry=\"2\"/>",
	       (unsigned long long)box[n].total, 100.0 * box[n].total / total, PAD + box[n].x * scale,
	       y, w, FRAME_HEIGHT - 1, r, g, b);
	fit = (size_t)((w - 6) / CHAR_WIDTH);
	if (fit >= 3) {
		size_t len = strlen(f->name);

		printf("<text x=\"%.1f\" y=\"%.1f\">", PAD + box[n].x * scale + 3,
		       y + FRAME_HEIGHT - 4.5);
		if (len <= fit) {
			xml_text(f->name, len);
		} else {
			xml_text(f->name, fit - 2);
			fputs("..", stdout);
		}
		printf("</text>");
	}
	printf("</g>\n");
}

static void flamegraph_end(struct cli *cli, const struct kcov_walk_stats *stats)
{
	const struct folded *f = &cli->folded;
	struct box *box = xcalloc(f->nnodes + 1, sizeof(*box));
	uint32_t *order = xcalloc(f->nnodes + 1, sizeof(*order)), *work;
	uint32_t roots = 0, nwork = 0;
	unsigned int levels = 0;
	uint64_t total = 0;
	double scale, height, x = 0;

	(void)stats;
	/* Children come after their parents: sum the totals bottom-up. */
	for (uint32_t n = f->nnodes; n-- > 0;) {
		box[n].total += f->nodes[n].count;
		if (f->nodes[n].parent)
			box[f->nodes[n].parent - 1].total += box[n].total;
		else
			total += box[n].total;
	}
	/* Sibling lists in name order: link them in reverse sorted order. */
	for (uint32_t n = 0; n < f->nnodes; n++)
		order[n] = n;
	sort_cli = cli;
	sort_folded = f;
	qsort(order, f->nnodes, sizeof(*order), by_name);
	for (uint32_t i = f->nnodes; i-- > 0;) {
		uint32_t n = order[i], p = f->nodes[n].parent;

		if (p) {
			box[n].next_sibling = box[p - 1].first_child;
			box[p - 1].first_child = n + 1;
		} else {
			box[n].next_sibling = roots;
			roots = n + 1;
		}
	}
	/* Depths and x positions, depth first from the roots. */
	work = order;
	for (uint32_t r = roots; r; r = box[r - 1].next_sibling) {
		box[r - 1].x = x;
		x += box[r - 1].total;
		work[nwork++] = r - 1;
	}
	while (nwork) {
		uint32_t n = work[--nwork];
		double cx = box[n].x;

		if (box[n].depth + 1 > levels)
			levels = box[n].depth + 1;
		for (uint32_t c = box[n].first_child; c; c = box[c - 1].next_sibling) {
			box[c - 1].x = cx;
			box[c - 1].depth = box[n].depth + 1;
			cx += box[c - 1].total;
			work[nwork++] = c - 1;
		}
	}
	scale = total ? (WIDTH - 2 * PAD) / total : 0;
	height = PAD * 4 + levels * FRAME_HEIGHT;
	printf("<?xml version=\"1.0\" standalone=\"no\"?>\n"
	       "<svg version=\"1.1\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"Verdana, sans-serif\" font-size=\"%d\">\n"
	       "<rect x=\"0\" y=\"0\" width=\"100%%\" height=\"100%%\" fill=\"rgb(248,248,248)\"/>\n"
	       "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\" font-size=\"%d\">",
	       WIDTH, height, WIDTH, height, FONT_SIZE, WIDTH / 2, PAD * 2, FONT_SIZE + 3);
	xml_text(cli->file, SIZE_MAX);
	printf(": %llu records, kcov-ext %s</text>\n", (unsigned long long)total,
	       kcov_ext_version());
	for (uint32_t n = 0; n < f->nnodes; n++)
		if (box[n].total && box[n].total * scale >= MIN_WIDTH)
			draw(cli, box, n, scale, levels, total);
	printf("</svg>\n");
	free(box);
	free(order);
}

const struct view flamegraph_view = {
	.name = "flamegraph",
	.help = "a self-contained SVG flame graph of the folded stacks",
	.enter = folded_enter,
	.leave = folded_leave,
	.block = folded_block,
	.end = flamegraph_end,
};
