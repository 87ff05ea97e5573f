/* Not instrumented: the calls a test program says it made, as a tree. */
#include <stdio.h>

static char log_text[1 << 16];
static size_t log_len;
static int log_depth;

void call_log_enter(const char *name)
{
	if (log_len < sizeof(log_text) - 256)
		log_len += snprintf(log_text + log_len, sizeof(log_text) - log_len,
				    "%*s%s\n", 2 * log_depth, "", name);
	log_depth++;
}

void call_log_leave(void)
{
	log_depth--;
}

void call_log_write(const char *path)
{
	FILE *out = fopen(path, "w");

	if (out) {
		fwrite(log_text, 1, log_len, out);
		fclose(out);
	}
}
