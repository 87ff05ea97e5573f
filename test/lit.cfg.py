# lit configuration shared by every kcov_ext test suite.
#
# Substitutions:
#   %gcc %gxx       the GCC under test (lit --param gcc=N; default: newest)
#   %kcov_ext       -fplugin=<the kcov_ext.so built for that GCC>
#   %plugin         the path of that kcov_ext.so
#   %plugin_other   a kcov_ext.so built for another GCC version, if any
#   %shadow_stack   the checking runtime and its libraries, for linking
#   %objcheck       kcov-ext-objcheck (entry/exit invariants of machine code)
#   %obj_root       the CMake build tree
#   %FileCheck      LLVM's FileCheck
#   %not %count     LLVM's not and count
# Features: gcc-N for the GCC under test, gcc-other when %plugin_other exists,
# gcc-musttail when that GCC accepts the musttail attribute.
import os
import subprocess

import lit.formats

config.name = "kcov_ext"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".c", ".cpp", ".test"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)

if not config.gcc_versions:
    lit_config.fatal("no GCC plugin was built")
gcc_version = lit_config.params.get("gcc", config.gcc_versions[-1])
if gcc_version not in config.gcc_versions:
    lit_config.fatal("no kcov_ext plugin was built for gcc-%s (built: %s)"
                     % (gcc_version, " ".join(config.gcc_versions)))
config.name = "kcov_ext gcc-%s" % gcc_version
# ctest runs the suites of several GCCs at once: each writes its %t files
# under its own tree.
config.test_exec_root = os.path.join(config.kcov_ext_obj_root, "test",
                                     "gcc-" + gcc_version)

obj = config.kcov_ext_obj_root


def plugin_path(version):
    return os.path.join(obj, "gcc-plugin", "gcc-" + version, "kcov_ext.so")


gcc = "gcc-" + gcc_version
gxx = "g++-" + gcc_version
plugin = plugin_path(gcc_version)
others = [v for v in config.gcc_versions if v != gcc_version]

config.available_features.add("gcc-" + gcc_version)
if others:
    config.available_features.add("gcc-other")
    config.substitutions.append(("%plugin_other", plugin_path(others[0])))


def accepts(compiler, source):
    try:
        result = subprocess.run([compiler, "-x", "c", "-fsyntax-only",
                                 "-Werror", "-"], input=source.encode(),
                                stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
    except OSError:
        return False
    return result.returncode == 0


if accepts(gcc, "int g(int); int f(int x) "
                "{ __attribute__((musttail)) return g(x); }"):
    config.available_features.add("gcc-musttail")

shadow_stack = "%s %s -lpthread" % (
    os.path.join(obj, "lib", "libkcov_ext_shadow_stack.a"), config.libdw)

# Longest first: lit substitutes in order.
config.substitutions.append(("%kcov_ext", "-fplugin=" + plugin))
config.substitutions.append(("%plugin", plugin))
config.substitutions.append(("%shadow_stack", shadow_stack))
config.substitutions.append(("%objcheck", os.path.join(obj, "bin",
                                                       "kcov-ext-objcheck")))
config.substitutions.append(("%FileCheck", config.filecheck))
# LLVM's "not" (inverts an exit status, "not --crash" for signals) lives
# beside FileCheck.
for tool in ("not", "count"):
    config.substitutions.append(("%" + tool, os.path.join(
        os.path.dirname(config.filecheck), tool)))
config.substitutions.append(("%obj_root", obj))
config.substitutions.append(("%gxx", gxx))
config.substitutions.append(("%gcc", gcc))
config.substitutions.append(("%python", config.python))

config.pipefail = True
config.environment["OBJDUMP"] = config.objdump
# Keep compiler messages stable and plain for FileCheck.
config.environment["LC_ALL"] = "C"
config.environment["GCC_COLORS"] = ""
