# The Debian package (make package: cpack -G DEB in the build tree):
# kcov-ext_<version>_amd64.deb with everything "cmake --install" installs,
# the GCC plugins in each GCC's own plugin directory, the rest under /usr.
set(CPACK_PACKAGE_NAME kcov-ext)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "kcov_ext developers <kcov-ext@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "function entry/exit coverage for KCOV_TRACE_PC_EXT")
set(CPACK_PACKAGE_DESCRIPTION
    "GCC plugins (-fplugin=kcov_ext) and LLVM pass plugins (KcovExt.so)
that give the compiler's trace-pc coverage a call to
__sanitizer_cov_trace_pc_entry() in each function's entry block and to
__sanitizer_cov_trace_pc_exit() on every return edge; a user-space kcov
runtime (libkcov_rt.a); the decoder library libkcov-ext and its CLI,
kcov-ext, which rebuild call trees from the records.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_LICENSE GPL-2.0-only)
# Stage into DESTDIR: the GCC plugin directories are absolute paths when
# the build's prefix is not /usr.
set(CPACK_SET_DESTDIR ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_INSTALL_PREFIX /usr)
# Libraries the shipped binaries link (libc, libdw, libelf, libstdc++)
# from dpkg-shlibdeps. The plugins resolve GCC's and LLVM's symbols from
# the compiler that loads them, so they depend on no package: each is
# usable when its compiler is installed.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(gcc_suggests)
foreach(version IN LISTS KCOV_EXT_GCC_VERSIONS)
  list(APPEND gcc_suggests gcc-${version})
endforeach()
foreach(version IN LISTS KCOV_EXT_LLVM_VERSIONS)
  list(APPEND gcc_suggests clang-${version})
endforeach()
string(REPLACE ";" " | " suggests "${gcc_suggests}")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "${suggests}")
include(CPack)
