// PCs of shared libraries, linked or dlopen()ed and dlclose()d before the
// program ends: the load map names their objects (the runtime takes a
// snapshot before each dlclose), so the decoder names their functions;
// the checker looks names up while the library is still loaded.
// RUN: %cc_hooks -O1 -fPIC -shared -DLINKED %S/Inputs/shared-lib.c -o %t.liblinked.so
// RUN: %cc_hooks -O1 -fPIC -shared %S/Inputs/shared-lib.c -o %t.plugin.so
// RUN: %cc_hooks -O1 %s %t.liblinked.so -Wl,-rpath,%T %kcov_rt -ldl -o %t.rec
// RUN: env KCOV_RT_MODE=ext KCOV_RT_OUT=%t.area %t.rec %t.plugin.so
// RUN: %decoder_cli tree %t.area | %FileCheck %s --match-full-lines
// RUN: %FileCheck %s --check-prefix=MAP < %t.area.map
// CHECK:      main
// CHECK-NEXT:   linked_entry
// CHECK-NEXT:     linked_helper
// CHECK-NEXT:   plugin_entry
// CHECK-NEXT:     plugin_helper
// CHECK-EMPTY:
// MAP: module {{.*}}.liblinked.so
// MAP: module {{.*}}.plugin.so
//
// RUN: %cc_hooks -O1 %s %t.liblinked.so -Wl,-rpath,%T %shadow_stack -ldl -o %t.check
// RUN: env KCOV_EXT_CHECK_TRACE=%t.trace %t.check %t.plugin.so 2>&1 | %FileCheck %s --check-prefix=CHECKER
// RUN: %FileCheck %s --check-prefix=TRACE < %t.trace
// CHECKER-NOT: MISMATCH
// CHECKER: mismatches=0 unmatched-exits=0 open=0
// TRACE: entry plugin_entry
// TRACE-NEXT: entry plugin_helper
// TRACE-NEXT: exit plugin_helper
// TRACE-NEXT: exit plugin_entry
#include <dlfcn.h>
#include <stdio.h>

void linked_entry(int x);

int main(int argc, char **argv)
{
	void *plugin;
	void (*entry)(int);

	if (argc < 2)
		return 2;
	linked_entry(1);
	plugin = dlopen(argv[1], RTLD_NOW);
	if (!plugin) {
		fprintf(stderr, "%s\n", dlerror());
		return 1;
	}
	entry = (void (*)(int))dlsym(plugin, "plugin_entry");
	if (!entry)
		return 1;
	entry(2);
	dlclose(plugin);
	return 0;
}
