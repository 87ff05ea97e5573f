// Collection without code changes records every thread: the first into
// KCOV_RT_OUT, each thread it starts into KCOV_RT_OUT.TID, each with its
// load map, and a forked child into KCOV_RT_OUT.PID from the fork on.
// RUN: %cc_hooks -O1 %s %kcov_rt -lpthread -o %t.rec
// RUN: rm -rf %t.d && mkdir %t.d
// RUN: env KCOV_RT_MODE=ext KCOV_RT_OUT=%t.d/area %t.rec
// RUN: ls %t.d | grep -c -x 'area\.[0-9]*' | grep -x 5
// RUN: ls %t.d | grep -c -x 'area\(\.[0-9]*\)\{0,1\}\.map' | grep -x 6
// RUN: %decoder_cli tree %t.d/area | %FileCheck %s --check-prefix=MAIN --match-full-lines
// MAIN:      main
// MAIN-NEXT:   start_workers
// MAIN-NOT:    worker
// RUN: sh -c 'for f in %t.d/area.*[0-9]; do %decoder_cli tree $f || exit 1; done' > %t.trees
// RUN: %FileCheck %s --check-prefix=WORKERS --input-file %t.trees --match-full-lines
// WORKERS-COUNT-4: worker
// WORKERS: child
// RUN: grep -c '^worker$' %t.trees | grep -x 4
#include <pthread.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int sink;

__attribute__((noinline)) static void *worker(void *arg)
{
	sink += (int)(long)arg;
	return NULL;
}

__attribute__((noinline)) static void child(void)
{
	sink = 7;
}

__attribute__((noinline)) static void start_workers(void)
{
	pthread_t t[4];

	for (long i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, worker, (void *)i);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
}

int main(void)
{
	pid_t pid;

	start_workers();
	pid = fork();
	if (!pid) {
		child();
		return 0;
	}
	waitpid(pid, NULL, 0);
	return 0;
}
