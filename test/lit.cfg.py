# lit configuration shared by every kcov_ext test suite.
#
# Parameters (lit --param): gcc=N, the GCC under test (default: newest);
# llvm=N, the LLVM under test (default: newest); cc=gcc|clang, the compiler
# that %e2e builds test programs with (default: gcc).
#
# Substitutions:
#   %gcc %gxx       the GCC under test
#   %gcc_plugin_flag   -fplugin=<the kcov_ext.so built for that GCC>
#   %plugin         the path of that kcov_ext.so
#   %plugin_other   a kcov_ext.so built for another GCC version, if any
#   %gcc_wrong_plugin_args   --wrong-plugin -fplugin=... for each of those
#   %clang %clangxx %opt %llc   clang, clang++, opt and llc of the LLVM
#                   under test
#   %pass_plugin    -fpass-plugin=<KcovExt.so built for that LLVM>
#   %load_pass      -load-pass-plugin=<the same> (for opt)
#   %llvm_plugin    the path of that KcovExt.so
#   %llvm_other_plugins   the KcovExt.so built for every other LLVM
#   %llvm_wrong_plugin_args   --wrong-plugin -fpass-plugin=... for each
#   %ir_oracle      test/upstream/ir-oracle with that clang and KcovExt.so
#   %shadow_stack   the checking runtime and its libraries, for linking
#   %objcheck       kcov-ext-objcheck (entry/exit invariants of machine code)
#   %mkarea         kcov-ext-mkarea (writes a kcov area from text)
#   %check_profile_json   checks kcov-ext's trace / speedscope JSON
#   %browser_check  draws an SVG or a speedscope profile in headless Chromium
#   %decoder_cli    kcov-ext, the decoder's command line tool
#   %kcov_rt %kcov_rt_v1 %kcov_rt_classic   the runtime, in each design
#   %runtime_include   the runtime's sources and headers
#   %decoder_include   -I for libkcov-ext's header and the record format
#   %decoder_src %cli_src   the decoder library's and the CLI's sources
#   %obj_root       the CMake build tree
#   %csmith_diff    the csmith differential tester (test/fuzz/csmith-diff)
#   %event_parity   test/upstream/event-parity (GCC + plugin against clang)
#   %matrix         the option matrix (test/fuzz/option-matrix)
#   %FileCheck      LLVM's FileCheck
#   %not %count     LLVM's not and count
# Features: gcc-N and llvm-N for the compilers under test, clang when there
# is an LLVM under test (%clang, %opt, ... exist), clang-entry-exit
# when that clang has -fsanitize-coverage=trace-pc-entry-exit, cc-gcc or
# cc-clang for %e2e, gcc-other when %plugin_other exists, llvm-other when
# %llvm_other_plugins does, gcc-musttail and gcc-no-sanitize-coverage when
# the GCC accepts those attributes; csmith and creduce when those tools are
# installed; browser when Chromium and speedscope are.
import os
import shutil
import subprocess

import lit.formats

config.name = "kcov_ext"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".c", ".cpp", ".ll", ".test"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.pipefail = True

obj = config.kcov_ext_obj_root


def pick(kind, built):
    version = lit_config.params.get(kind, built[-1] if built else None)
    if version is not None and version not in built:
        lit_config.fatal("no kcov_ext plugin was built for %s-%s (built: %s)"
                         % (kind, version, " ".join(built) or "none"))
    return version


if not config.gcc_versions:
    lit_config.fatal("no GCC plugin was built")
gcc_version = pick("gcc", config.gcc_versions)
llvm_version = pick("llvm", config.llvm_versions)
cc = lit_config.params.get("cc", "gcc")
if cc not in ("gcc", "clang") or (cc == "clang" and llvm_version is None):
    lit_config.fatal("cc=%s: no such compiler with a kcov_ext plugin" % cc)

# ctest runs several compilers' suites at once: each run writes its %t
# files under a tree of its own.
run_name = "-".join("%s-%s" % (k, lit_config.params[k])
                    for k in ("cc", "gcc", "llvm") if k in lit_config.params)
config.name = "kcov_ext " + (run_name or "default")
config.test_exec_root = os.path.join(obj, "test", run_name or "default")


def gcc_plugin_path(version):
    return os.path.join(obj, "gcc-plugin", "gcc-" + version, "kcov_ext.so")


def accepts(compiler, source):
    try:
        result = subprocess.run([compiler, "-x", "c", "-fsyntax-only",
                                 "-Werror", "-"], input=source.encode(),
                                stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
    except OSError:
        return False
    return result.returncode == 0


# lit substitutes in list order: a longer name must come before its prefix.
subst = config.substitutions

gcc = "gcc-" + gcc_version
gxx = "g++-" + gcc_version
gcc_plugin = gcc_plugin_path(gcc_version)
config.available_features.add("gcc-" + gcc_version)
others = [v for v in config.gcc_versions if v != gcc_version]
if others:
    config.available_features.add("gcc-other")
    subst.append(("%plugin_other", gcc_plugin_path(others[0])))
subst.append(("%gcc_wrong_plugin_args",
              " ".join("--wrong-plugin -fplugin=" + gcc_plugin_path(v)
                       for v in others)))
if accepts(gcc, "int g(int); int f(int x) "
                "{ __attribute__((musttail)) return g(x); }"):
    config.available_features.add("gcc-musttail")
# GCC 11 ignores the attribute with a warning (and so does its sancov).
if accepts(gcc, "__attribute__((no_sanitize_coverage)) void f(void) {}"):
    config.available_features.add("gcc-no-sanitize-coverage")
subst.append(("%gcc_plugin_flag", "-fplugin=" + gcc_plugin))
subst.append(("%plugin", gcc_plugin))

if llvm_version is not None:
    llvm_bin = config.llvm_bins[llvm_version]
    llvm_plugin = os.path.join(obj, "llvm-pass", "llvm-" + llvm_version,
                               "KcovExt.so")
    config.available_features.add("llvm-" + llvm_version)
    config.available_features.add("clang")
    opt = os.path.join(llvm_bin, "opt")
    llc = os.path.join(llvm_bin, "llc")
    # opt and llc 14 read "ptr" only with opaque pointers switched on.
    if llvm_version == "14":
        opt += " -opaque-pointers"
        llc += " -opaque-pointers"
    subst.append(("%clangxx", os.path.join(llvm_bin, "clang++")))
    subst.append(("%clang", os.path.join(llvm_bin, "clang")))
    subst.append(("%opt", opt))
    subst.append(("%llc", llc))
    subst.append(("%pass_plugin", "-fpass-plugin=" + llvm_plugin))
    subst.append(("%load_pass", "-load-pass-plugin=" + llvm_plugin))
    subst.append(("%llvm_plugin", llvm_plugin))
    other_llvm = [os.path.join(obj, "llvm-pass", "llvm-" + v, "KcovExt.so")
                  for v in config.llvm_versions if v != llvm_version]
    if other_llvm:
        config.available_features.add("llvm-other")
        subst.append(("%llvm_other_plugins", " ".join(other_llvm)))
    # clang 23 and later have upstream's trace-pc-entry-exit (CMake
    # probed it): the oracle.
    clang = os.path.join(llvm_bin, "clang")
    if llvm_version in config.native_entry_exit_versions:
        config.available_features.add("clang-entry-exit")
    subst.append(("%ir_oracle", "%s --clang %s --plugin %s" % (
        os.path.join(config.kcov_ext_src_root, "test", "upstream",
                     "ir-oracle"), clang, llvm_plugin)))
    subst.append(("%llvm_wrong_plugin_args",
                  " ".join("--wrong-plugin -fpass-plugin=" + p
                           for p in other_llvm)))

config.available_features.add("cc-" + cc)

shadow_stack = "%s %s -lpthread" % (
    os.path.join(obj, "lib", "libkcov_ext_shadow_stack.a"), config.libdw)
subst.append(("%shadow_stack", shadow_stack))
subst.append(("%objcheck", os.path.join(obj, "bin", "kcov-ext-objcheck")))
subst.append(("%check_profile_json",
              os.path.join(config.kcov_ext_src_root, "test", "tools",
                           "check-profile-json")))
subst.append(("%mkarea", os.path.join(obj, "bin", "kcov-ext-mkarea")))
subst.append(("%decoder_cli", os.path.join(obj, "bin", "kcov-ext")))
for design in ("v1", "classic"):
    subst.append(("%kcov_rt_" + design,
                  os.path.join(obj, "lib", "libkcov_rt_%s.a" % design)))
subst.append(("%kcov_rt", os.path.join(obj, "lib", "libkcov_rt.a")))
subst.append(("%runtime_include",
              os.path.join(config.kcov_ext_src_root, "runtime")))
subst.append(("%decoder_include",
              "-I%s -I%s" % (os.path.join(config.kcov_ext_src_root, "decoder"),
                             os.path.join(config.kcov_ext_src_root, "include"))))
subst.append(("%decoder_src", os.path.join(config.kcov_ext_src_root, "decoder")))
subst.append(("%cli_src", os.path.join(config.kcov_ext_src_root, "cli")))
subst.append(("%obj_root", obj))
subst.append(("%src_root", config.kcov_ext_src_root))
subst.append(("%matrix", os.path.join(config.kcov_ext_src_root, "test",
                                             "fuzz", "option-matrix")))
subst.append(("%event_parity", os.path.join(config.kcov_ext_src_root, "test",
                                            "upstream", "event-parity")))
subst.append(("%csmith_diff", os.path.join(config.kcov_ext_src_root, "test",
                                           "fuzz", "csmith-diff")))
if shutil.which("csmith") and os.path.exists("/usr/include/csmith/csmith.h"):
    config.available_features.add("csmith")
if shutil.which("creduce"):
    config.available_features.add("creduce")
# Headless Chromium and speedscope's web build (scripts/install-browser-deps,
# which make check runs) for the browser tests of the viewers' output.
npm_cache = os.environ.get("KCOV_EXT_NPM_CACHE", "/var/cache/kcov-ext/npm")
config.environment["KCOV_EXT_NPM_CACHE"] = npm_cache
if os.path.exists(os.environ.get("KCOV_EXT_CHROMIUM", "/usr/bin/chromium")) and \
        os.path.exists(os.path.join(npm_cache, "node_modules", "speedscope", "dist",
                                    "release", "index.html")):
    config.available_features.add("browser")
for var in ("KCOV_EXT_CHROMIUM", "TMPDIR"):
    if var in os.environ:
        config.environment[var] = os.environ[var]
subst.append(("%browser_check", os.path.join(config.kcov_ext_src_root, "test",
                                             "tools", "browser-check")))
subst.append(("%FileCheck", config.filecheck))
# LLVM's "not" (inverts an exit status) and "count" live beside FileCheck.
for tool in ("not", "count"):
    subst.append(("%" + tool, os.path.join(os.path.dirname(config.filecheck),
                                           tool)))
subst.append(("%gxx", gxx))
subst.append(("%gcc", gcc))
subst.append(("%python", config.python))

config.environment["OBJDUMP"] = config.objdump
# Keep compiler messages stable and plain for FileCheck.
config.environment["LC_ALL"] = "C"
config.environment["GCC_COLORS"] = ""
