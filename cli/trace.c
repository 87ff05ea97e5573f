// SPDX-License-Identifier: GPL-2.0-only
/*
 * trace and speedscope: the calls as a timeline for trace viewers, with
 * the record index as the clock (a call "lasts" as many records as it and
 * its callees made).
 *
 * trace: Chrome's trace-event JSON (Perfetto, chrome://tracing): a "B"
 * event at each entry and an "E" event at each return, nesting exactly.
 * A frame closed by resynchronising ends at the record that proved it
 * gone; frames still open at the end close at the last record. Exits of calls
 * made before the trace began have no "B" and are left out.
 *
 * speedscope: speedscope's evented profile (https://www.speedscope.app
 * file format): "O" and "C" events on a shared table of frames. Events
 * are written as the records stream by, the frame table last.
 */
#include <stdbool.h>
#include <stdlib.h>

#include "kcov-ext.h"

void json_string(FILE *out, const char *s)
{
	putc('"', out);
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20)
			fprintf(out, "\\u%04x", c);
		else
			putc(c, out);
	}
	putc('"', out);
}

static struct {
	uint64_t events;
	uint32_t *frames;	/* speedscope frame -> fn */
	uint32_t nframes, frames_cap;
} trace;

/* Both formats: an open (B, O) or a close (E, C) of FN at AT. */
static void (*event)(struct cli *cli, uint32_t fn, bool open, uint64_t at);

static void timeline_enter(struct cli *cli, uint32_t fn, uint64_t pc, unsigned int depth)
{
	(void)pc;
	(void)depth;
	event(cli, fn, true, cli_position(cli));
}

static void timeline_leave(struct cli *cli, uint32_t fn, uint64_t exit_pc, unsigned int depth)
{
	(void)exit_pc;
	(void)depth;
	event(cli, fn, false, cli_position(cli));
}

/* The calls the walk still has open close at the last record. */
static void close_open_calls(struct cli *cli)
{
	size_t depth;
	const struct kcov_frame *stack = kcov_walk_stack(cli->walk, &depth);

	while (depth--)
		event(cli, cli_function_of(cli, stack[depth].pc), false, cli->records);
}

static void chrome_event(struct cli *cli, uint32_t fn, bool open, uint64_t ts)
{
	char phase = open ? 'B' : 'E';

	printf("%s{\"name\":", trace.events++ ? ",\n" : "");
	json_string(stdout, cli_fn(cli, fn)->name);
	printf(",\"cat\":\"kcov\",\"ph\":\"%c\",\"ts\":%llu,\"pid\":%llu,\"tid\":%llu}", phase,
	       (unsigned long long)ts, (unsigned long long)(cli->pid ? cli->pid : 1),
	       (unsigned long long)(cli->tid ? cli->tid : 1));
}

static void chrome_begin(struct cli *cli)
{
	event = chrome_event;
	printf("{\"displayTimeUnit\":\"ns\",\"otherData\":{\"generator\":\"kcov-ext %s\",\"clock\":\"record index\",\"area\":",
	       kcov_ext_version());
	json_string(stdout, cli->file);
	printf("},\"traceEvents\":[\n");
}

static void chrome_end(struct cli *cli, const struct kcov_walk_stats *stats)
{
	(void)stats;
	close_open_calls(cli);
	printf("\n]}\n");
}

const struct view trace_view = {
	.name = "trace",
	.help = "Chrome trace-event JSON (Perfetto): B/E events, record index as time",
	.needs_calls = true,
	.begin = chrome_begin,
	.enter = timeline_enter,
	.leave = timeline_leave,
	.end = chrome_end,
};

static void speedscope_event(struct cli *cli, uint32_t fn, bool open, uint64_t at)
{
	struct function *f = cli_fn(cli, fn);
	char type = open ? 'O' : 'C';

	if (!f->frame) {
		if (trace.nframes == trace.frames_cap) {
			trace.frames_cap = trace.frames_cap ? 2 * trace.frames_cap : 1024;
			trace.frames = xrealloc(trace.frames, trace.frames_cap * sizeof(*trace.frames));
		}
		trace.frames[trace.nframes++] = fn;
		f->frame = trace.nframes;
	}
	printf("%s{\"type\":\"%c\",\"frame\":%u,\"at\":%llu}", trace.events++ ? ",\n" : "",
	       type, f->frame - 1, (unsigned long long)at);
}

static void speedscope_begin(struct cli *cli)
{
	event = speedscope_event;
	printf("{\"$schema\":\"https://www.speedscope.app/file-format-schema.json\",\"exporter\":\"kcov-ext %s\",\"name\":",
	       kcov_ext_version());
	json_string(stdout, cli->file);
	printf(",\"activeProfileIndex\":0,\"profiles\":[{\"type\":\"evented\",\"name\":");
	json_string(stdout, cli->file);
	printf(",\"unit\":\"none\",\"startValue\":0,\"events\":[\n");
}

static void speedscope_end(struct cli *cli, const struct kcov_walk_stats *stats)
{
	(void)stats;
	close_open_calls(cli);
	printf("\n],\"endValue\":%llu}],\"shared\":{\"frames\":[", (unsigned long long)cli->records);
	for (uint32_t i = 0; i < trace.nframes; i++) {
		printf("%s{\"name\":", i ? "," : "");
		json_string(stdout, cli_fn(cli, trace.frames[i])->name);
		printf("}");
	}
	printf("]}}\n");
	free(trace.frames);
}

const struct view speedscope_view = {
	.name = "speedscope",
	.help = "speedscope's evented JSON profile, record index as time",
	.needs_calls = true,
	.begin = speedscope_begin,
	.enter = timeline_enter,
	.leave = timeline_leave,
	.end = speedscope_end,
};
