// SPDX-License-Identifier: GPL-2.0-only
/*
 * The bundled example: a recursive-descent calculator. Its call tree
 * (expr -> term -> factor -> expr ...) is what the entry and exit hooks
 * let a fuzzer reconstruct from a flat coverage trace.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

static const char *pos;

static long expr(void);

static void skip_spaces(void)
{
	while (isspace((unsigned char)*pos))
		pos++;
}

static long number(void)
{
	char *end;
	long value = strtol(pos, &end, 10);

	pos = end;
	return value;
}

static long factor(void)
{
	long value;

	skip_spaces();
	if (*pos == '(') {
		pos++;
		value = expr();
		skip_spaces();
		if (*pos == ')')
			pos++;
		return value;
	}
	if (*pos == '-') {
		pos++;
		return -factor();
	}
	return number();
}

static long term(void)
{
	long value = factor();

	for (;;) {
		skip_spaces();
		if (*pos == '*') {
			pos++;
			value *= factor();
		} else if (*pos == '/') {
			long divisor;

			pos++;
			divisor = factor();
			value = divisor ? value / divisor : 0;
		} else {
			return value;
		}
	}
}

static long expr(void)
{
	long value = term();

	for (;;) {
		skip_spaces();
		if (*pos == '+') {
			pos++;
			value += term();
		} else if (*pos == '-') {
			pos++;
			value -= term();
		} else {
			return value;
		}
	}
}

int main(int argc, char **argv)
{
	pos = argc > 1 ? argv[1] : "2 * (3 + 4)";
	printf("%ld\n", expr());
	return 0;
}
