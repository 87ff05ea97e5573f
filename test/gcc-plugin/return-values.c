// The exit hook runs after the return value is computed and leaves it
// alone: the value is an operand of the return that follows the hook.
// RUN: %gcc -O0 %gcc_plugin_flag -c %s -o /dev/null -fdump-tree-optimized=- | %FileCheck %s --check-prefix=O0
// RUN: %gcc -O2 %gcc_plugin_flag -c %s -o /dev/null -fdump-tree-optimized=- | %FileCheck %s --check-prefix=O2
//
// O0-LABEL: struct big make_big (long int x)
// O0:       <retval> = b;
// O0:       __sanitizer_cov_trace_pc_exit ();
// O0-NEXT:  return <retval>;
// O2-LABEL: struct big make_big (long int x)
// O2:       {{<retval>.a\[1\]|MEM <long int> \[\(struct big \*\)&<retval> \+ 8B\]}} = _{{[0-9]+}};
// O2:       __sanitizer_cov_trace_pc_exit ();
// O2-NEXT:  return <retval>;
//
// O0-LABEL: __int128 wide (__int128 x)
// O0:       [[W:_[0-9]+]] = x_{{[0-9]+}}(D) * 3;
// O0:       __sanitizer_cov_trace_pc_exit ();
// O0-NEXT:  return
// O2-LABEL: __int128 wide (__int128 x)
// O2:       [[W:_[0-9]+]] = x_{{[0-9]+}}(D) * 3;
// O2-NEXT:  __sanitizer_cov_trace_pc_exit ();
// O2-NEXT:  return [[W]];
//
// O2-LABEL: double ratio (double a, double b)
// O2:       [[R:_[0-9]+]] = a_{{[0-9]+}}(D) / b_{{[0-9]+}}(D);
// O2-NEXT:  __sanitizer_cov_trace_pc_exit ();
// O2-NEXT:  return [[R]];

struct big { long a[8]; };

struct big make_big(long x)
{
	struct big b = { { x, x + 1 } };

	return b;
}

__int128 wide(__int128 x)
{
	return x * 3;
}

double ratio(double a, double b)
{
	return a / b;
}
