//===-- KcovExt.cpp - Function entry/exit hooks for KCOV_TRACE_PC_EXT -----===//
//
// SPDX-License-Identifier: GPL-2.0-only
//
//===----------------------------------------------------------------------===//
//
// Gives clang and opt 14-19 and 21-23 the semantics of upstream's
// -fsanitize-coverage=trace-pc-entry-exit:
//
//  - each instrumented function calls __sanitizer_cov_trace_pc_entry() once
//    per invocation: it replaces sancov's trace_pc call in the entry block
//    (trace-pc), comes in addition to the entry block's guard or counter
//    (trace-pc-guard, inline-8bit-counters, inline-bool-flag), or is the
//    only hook when sancov did not run;
//  - every path that leaves the function calls __sanitizer_cov_trace_pc_exit()
//    right before it returns, before a musttail call, and, in functions that
//    may unwind, before resuming an exception (EscapeEnumerator turns calls
//    that may throw into invokes with a cleanup for that);
//  - the exit call is `notail`: the hooks read their own return address, and
//    `jmp __sanitizer_cov_trace_pc_exit` would report the caller's PC;
//  - functions sancov skipped get nothing; the pass is idempotent.
//
//===----------------------------------------------------------------------===//

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/IR/PassInstrumentation.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/Instrumentation/SanitizerCoverage.h"
#include "llvm/Transforms/Utils/EscapeEnumerator.h"

// LLVM 22 moved the pass plugin interface (and raised its API version).
#if __has_include("llvm/Plugins/PassPlugin.h")
#include "llvm/Plugins/PassPlugin.h"
#else
#include "llvm/Passes/PassPlugin.h"
#endif

#if LLVM_VERSION_MAJOR >= 17
#include "llvm/IR/EHPersonalities.h"
#else
#include "llvm/Analysis/EHPersonalities.h"
#endif

#include <cstdio>
#include <cstdlib>
#include <dlfcn.h>
#include <memory>

using namespace llvm;

// What -fplugin-arg-kcov_ext-verbose says for GCC: one line per
// instrumented function on stderr. opt: -kcov-ext-verbose, or the pass
// parameter -passes='kcov-ext<verbose>'; clang: -mllvm -kcov-ext-verbose.
static cl::opt<bool>
    ClVerbose("kcov-ext-verbose",
              cl::desc("kcov-ext: print each instrumented function and how "
                       "(entry replaced or added, number of exits)"),
              cl::Hidden, cl::init(false));

static const char KcovExtPassName[] = "kcov-ext";
static const char KcovExtEntryName[] = "__sanitizer_cov_trace_pc_entry";
static const char KcovExtExitName[] = "__sanitizer_cov_trace_pc_exit";
static const char KcovExtCleanupName[] = "kcov_ext_cleanup";
static const char SanCovTracePCName[] = "__sanitizer_cov_trace_pc";
static const char SanCovTracePCGuardName[] = "__sanitizer_cov_trace_pc_guard";
static const char SanCovCallbackPrefix[] = "__sanitizer_cov_";
static const char SanCovSectionPrefix[] = "__sancov_";
static const char SanCovGuardsSection[] = "__sancov_guards";
static const char SanCovCountersSection[] = "__sancov_cntrs";
static const char SanCovBoolFlagSection[] = "__sancov_bools";
static const char SanCovLowestStackName[] = "__sancov_lowest_stack";

namespace {

bool startsWith(StringRef S, StringRef Prefix) {
#if LLVM_VERSION_MAJOR >= 16
  return S.starts_with(Prefix);
#else
  return S.startswith(Prefix);
#endif
}

/// How the entry hook was placed in a function.
enum class EntryKind { Replaced, Added, Skipped };

/// What sancov left in a module.
enum class SancovTrace {
  /// Nothing: it did not run, or it instrumented no function.
  None,
  /// A per-block callback (trace_pc, a guard, a counter or a flag) in each
  /// function it instrumented: which functions those are is plain to see.
  PerBlock,
  /// Only other features (stack-depth, trace-cmp with stack-depth, ...):
  /// functions without a comparison or without a call show no trace.
  Other,
};

class KcovExt {
public:
  KcovExt(bool SancovScheduled, bool Verbose,
          function_ref<DominatorTree &(Function &)> GetDT)
      : SancovScheduled(SancovScheduled), Verbose(Verbose), GetDT(GetDT) {}
  bool instrumentModule(Module &M);

private:
  SancovTrace sancovTraceIn(const Module &M) const;
  bool alreadyInstrumented(const Function &F) const;
  bool sancovWouldSkip(const Function &F) const;
  CallInst *findSancovEntryCall(Function &F) const;
  bool hasSancovEntryGuard(Function &F) const;
  EntryKind injectEntry(Function &F, bool SancovRan);
  unsigned injectExits(Function &F);
  bool getHooks(Module &M);

  /// sancov ran on this module before this pass.
  bool SancovScheduled;
  bool Verbose;
  function_ref<DominatorTree &(Function &)> GetDT;
  FunctionCallee EntryHook;
  FunctionCallee ExitHook;
};

} // namespace

/// sancov leaves calls to its callbacks, its per-function arrays in
/// __sancov_* sections, or stack-depth's __sancov_lowest_stack updates, in
/// every module it instrumented.
SancovTrace KcovExt::sancovTraceIn(const Module &M) const {
  SancovTrace Trace = SancovTrace::None;
  for (const Function &F : M) {
    if (F.use_empty() || !startsWith(F.getName(), SanCovCallbackPrefix) ||
        F.getName() == KcovExtEntryName || F.getName() == KcovExtExitName)
      continue;
    if (F.getName() == SanCovTracePCName ||
        F.getName() == SanCovTracePCGuardName)
      return SancovTrace::PerBlock;
    Trace = SancovTrace::Other;
  }
  for (const GlobalVariable &GV : M.globals()) {
    StringRef Section = GV.getSection();
    if (Section == SanCovGuardsSection || Section == SanCovCountersSection ||
        Section == SanCovBoolFlagSection)
      return SancovTrace::PerBlock;
    if (startsWith(Section, SanCovSectionPrefix) ||
        (GV.getName() == SanCovLowestStackName && !GV.use_empty()))
      Trace = SancovTrace::Other;
  }
  return Trace;
}

bool KcovExt::alreadyInstrumented(const Function &F) const {
  for (const BasicBlock &BB : F)
    for (const Instruction &I : BB)
      if (const auto *CB = dyn_cast<CallBase>(&I))
        if (const Function *Callee = CB->getCalledFunction())
          if (Callee->getName() == KcovExtEntryName ||
              Callee->getName() == KcovExtExitName)
            return true;
  return false;
}

/// Functions that never get hooks, whatever the sancov of this LLVM did:
/// upstream's sancov skips them all, while older ones still put trace_pc
/// into naked functions (14-19) and disable_sanitizer_instrumentation ones
/// (14-16). A call in a naked function clobbers what its asm relies on.
static bool mustNotInstrument(const Function &F) {
  return startsWith(F.getName(), "__sanitizer_") ||
         F.hasFnAttribute(Attribute::Naked) ||
         F.hasFnAttribute(Attribute::NoSanitizeCoverage) ||
         F.hasFnAttribute(Attribute::DisableSanitizerInstrumentation);
}

/// The functions sancov leaves alone, for modules it did not run on.
bool KcovExt::sancovWouldSkip(const Function &F) const {
  if (F.isDeclaration() ||
      F.getLinkage() == GlobalValue::AvailableExternallyLinkage)
    return true;
  if (F.getName().contains(".module_ctor"))
    return true;
  if (isa<UnreachableInst>(F.getEntryBlock().getTerminator()))
    return true;
  return F.hasPersonalityFn() &&
         isAsynchronousEHPersonality(classifyEHPersonality(F.getPersonalityFn()));
}

static bool isSancovCall(const Instruction &I, StringRef Callback) {
  const auto *CI = dyn_cast<CallInst>(&I);
  if (!CI || !CI->cannotMerge())
    return false;
  const Function *Callee = CI->getCalledFunction();
  return Callee && Callee->getName() == Callback;
}

/// sancov's trace_pc call for the entry block: the nomerge trace_pc call
/// that dominates every other one and every return. It is usually first in
/// the entry block, but userspace ASan may have split that block since.
CallInst *KcovExt::findSancovEntryCall(Function &F) const {
  SmallVector<CallInst *, 16> Calls;
  SmallVector<BasicBlock *, 4> Returns;
  for (BasicBlock &BB : F) {
    if (isa<ReturnInst>(BB.getTerminator()))
      Returns.push_back(&BB);
    for (Instruction &I : BB)
      if (isSancovCall(I, SanCovTracePCName))
        Calls.push_back(cast<CallInst>(&I));
  }
  if (Calls.empty())
    return nullptr;

  DominatorTree &DT = GetDT(F);
  for (CallInst *Candidate : Calls) {
    auto Dominates = [&](Instruction *Other) {
      return DT.dominates(Candidate, Other);
    };
    auto DominatesBlock = [&](BasicBlock *BB) {
      return DT.dominates(Candidate->getParent(), BB);
    };
    if (all_of(Calls, [&](CallInst *Other) {
          return Other == Candidate || Dominates(Other);
        }) &&
        all_of(Returns, DominatesBlock))
      return Candidate;
  }
  return nullptr;
}

/// With trace-pc-guard or inline counters, sancov put a guard call or a
/// counter update into the entry block.
bool KcovExt::hasSancovEntryGuard(Function &F) const {
  for (Instruction &I : F.getEntryBlock()) {
    if (isSancovCall(I, SanCovTracePCGuardName))
      return true;
    const Value *Ptr = nullptr;
    if (const auto *LI = dyn_cast<LoadInst>(&I))
      Ptr = LI->getPointerOperand();
    else if (const auto *SI = dyn_cast<StoreInst>(&I))
      Ptr = SI->getPointerOperand();
    if (!Ptr)
      continue;
    if (const auto *GV =
            dyn_cast<GlobalVariable>(Ptr->stripInBoundsConstantOffsets()))
      if (GV->getSection() == SanCovCountersSection ||
          GV->getSection() == SanCovBoolFlagSection)
        return true;
  }
  return false;
}

/// Where sancov puts the entry block's coverage: after the static allocas
/// (and llvm.localescape), which must stay at the top of the entry block.
static BasicBlock::iterator entryInsertionPoint(Function &F) {
  BasicBlock &Entry = F.getEntryBlock();
  BasicBlock::iterator IP = Entry.getFirstInsertionPt();
  for (BasicBlock::iterator End = Entry.end(); IP != End; ++IP) {
    if (auto *AI = dyn_cast<AllocaInst>(&*IP)) {
      if (AI->isStaticAlloca())
        continue;
      break;
    }
    if (auto *II = dyn_cast<IntrinsicInst>(&*IP))
      if (II->getIntrinsicID() == Intrinsic::localescape)
        continue;
    break;
  }
  return IP;
}

EntryKind KcovExt::injectEntry(Function &F, bool SancovRan) {
  if (mustNotInstrument(F))
    return EntryKind::Skipped;
  if (SancovRan) {
    if (CallInst *TracePC = findSancovEntryCall(F)) {
      TracePC->setCalledFunction(EntryHook);
      return EntryKind::Replaced;
    }
    if (!hasSancovEntryGuard(F))
      return EntryKind::Skipped; // sancov skipped this function
  } else if (sancovWouldSkip(F)) {
    return EntryKind::Skipped;
  }

  IRBuilder<> IRB(&*entryInsertionPoint(F));
  // sancov's entry location: the function's scope line.
  if (DISubprogram *SP = F.getSubprogram())
    IRB.SetCurrentDebugLocation(
        DILocation::get(SP->getContext(), SP->getScopeLine(), 0, SP));
  else
    IRB.SetCurrentDebugLocation(DebugLoc());
  IRB.CreateCall(EntryHook)->setCannotMerge();
  return EntryKind::Added;
}

unsigned KcovExt::injectExits(Function &F) {
  unsigned Exits = 0;
  // Returns (before a musttail call where there is one) and resumes; in a
  // function that may unwind, also a cleanup for every call that may throw.
  EscapeEnumerator EE(F, KcovExtCleanupName,
                      /*HandleExceptions=*/!F.doesNotThrow());
  DISubprogram *SP = F.getSubprogram();
  while (IRBuilder<> *AtExit = EE.Next()) {
    // A return or resume brings its location; the cleanups that
    // EscapeEnumerator creates have none. A call without one in a function
    // with debug info is a verifier error once the hook can be inlined
    // (defined in this module, or in another one under LTO): line 0, as
    // upstream does.
    if (SP && !AtExit->getCurrentDebugLocation())
      AtExit->SetCurrentDebugLocation(
          DILocation::get(SP->getContext(), 0, 0, SP));
    CallInst *Exit = AtExit->CreateCall(ExitHook);
    Exit->setTailCallKind(CallInst::TCK_NoTail);
    ++Exits;
  }
  return Exits;
}

/// void (void), nounwind: the hooks never throw, so EscapeEnumerator leaves
/// the calls to them alone.
bool KcovExt::getHooks(Module &M) {
  LLVMContext &C = M.getContext();
  FunctionType *HookTy = FunctionType::get(Type::getVoidTy(C), false);
  AttributeList Attrs =
      AttributeList().addFnAttribute(C, Attribute::NoUnwind);
  for (StringRef Name : {KcovExtEntryName, KcovExtExitName}) {
    Function *Existing = M.getFunction(Name);
    if (Existing && Existing->getFunctionType() != HookTy) {
      C.emitError(Twine("kcov-ext: ") + Name +
                  " is declared with a type other than void (void)");
      return false;
    }
  }
  EntryHook = M.getOrInsertFunction(KcovExtEntryName, HookTy, Attrs);
  ExitHook = M.getOrInsertFunction(KcovExtExitName, HookTy, Attrs);
  return true;
}

bool KcovExt::instrumentModule(Module &M) {
  // Follow sancov's per-function decision where it can be seen: per-block
  // callbacks, or no trace at all although sancov is in the pipeline (its
  // allow or ignore list excluded every function here). Where sancov ran
  // with no per-block callback (stack-depth alone), a function it
  // instrumented need not show it: upstream's flag implies edge coverage
  // and instruments every function sancov does not skip, so decide as
  // sancov would, as when it did not run.
  SancovTrace Trace = sancovTraceIn(M);
  bool SancovRan = Trace == SancovTrace::PerBlock ||
                   (Trace == SancovTrace::None && SancovScheduled);
  SmallVector<Function *, 32> Functions;
  for (Function &F : M)
    if (!F.isDeclaration() && !alreadyInstrumented(F))
      Functions.push_back(&F);
  if (Functions.empty() || !getHooks(M))
    return false;

  bool Changed = false;
  for (Function *F : Functions) {
    EntryKind Entry = injectEntry(*F, SancovRan);
    if (Entry == EntryKind::Skipped)
      continue;
    unsigned Exits = injectExits(*F);
    if (Verbose)
      errs() << "kcov-ext: instrument " << F->getName() << "(): entry "
             << (Entry == EntryKind::Replaced ? "replaced trace_pc" : "added")
             << ", " << Exits << (Exits == 1 ? " exit\n" : " exits\n");
    Changed = true;
  }
  return Changed;
}

namespace {

/// What one PassBuilder's callbacks share: whether passes can be watched
/// (the PassBuilder has instrumentation callbacks), whether sancov ran
/// since kcov-ext last did, and whether the OptimizerLast callback is in.
struct KcovExtState {
  bool Watching = false;
  bool SancovRan = false;
  bool OptimizerLastRegistered = false;
};

struct KcovExtPass : PassInfoMixin<KcovExtPass> {
  KcovExtPass(std::shared_ptr<KcovExtState> State, bool Verbose)
      : State(std::move(State)), Verbose(Verbose || ClVerbose) {}

  PreservedAnalyses run(Module &M, ModuleAnalysisManager &MAM) {
    FunctionAnalysisManager &FAM =
        MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
    auto GetDT = [&FAM](Function &F) -> DominatorTree & {
      return FAM.getResult<DominatorTreeAnalysis>(F);
    };
    // Without pass instrumentation there is no telling whether sancov ran:
    // then follow what it left in the IR.
    bool SancovRan = State->Watching && State->SancovRan;
    State->SancovRan = false;
    if (!KcovExt(SancovRan, Verbose, GetDT).instrumentModule(M))
      return PreservedAnalyses::all();
    // Entry hooks replace calls; exit hooks come with new blocks and
    // invokes: nothing about the functions' CFGs is preserved.
    return PreservedAnalyses::none();
  }
  // Runs on optnone (-O0) functions too: instrumentation is not optional.
  static bool isRequired() { return true; }

  std::shared_ptr<KcovExtState> State;
  bool Verbose;
};

} // namespace

/// Whether sancov ran on the module since kcov-ext last did: pass
/// instrumentation tells each pass that runs, by its class's name(). Then
/// sancov alone decides which functions get coverage, even when it
/// instrumented nothing in this module (an allow list that matches none
/// of its functions): the IR would not tell.
static void watchForSancov(PassBuilder &PB,
                           const std::shared_ptr<KcovExtState> &State) {
  PassInstrumentationCallbacks *PIC = PB.getPassInstrumentationCallbacks();
  if (!PIC)
    return;
  State->Watching = true;
#if LLVM_VERSION_MAJOR >= 16
  StringRef SancovName = SanitizerCoveragePass::name();
#else
  StringRef SancovName = ModuleSanitizerCoveragePass::name();
#endif
  PIC->registerBeforeNonSkippedPassCallback(
      [State, SancovName](StringRef PassID, Any) {
        if (PassID == SancovName)
          State->SancovRan = true;
      });
}

/// clang loads pass plugins before it registers its own sanitizer
/// callbacks, so a plugin's OptimizerLast callback runs before sancov, at
/// every -O level. A PipelineStart callback runs when the pipeline is
/// built, after clang registered sancov: registering the OptimizerLast
/// callback from there puts kcov-ext after sancov. Each PassBuilder gets
/// its own state: nothing is shared between pipelines of one process.
static void registerKcovExt(PassBuilder &PB) {
  auto State = std::make_shared<KcovExtState>();
  watchForSancov(PB, State);
  PB.registerPipelineParsingCallback(
      [State](StringRef Name, ModulePassManager &MPM,
              ArrayRef<PassBuilder::PipelineElement>) {
        bool Verbose = Name == "kcov-ext<verbose>";
        if (Name != KcovExtPassName && !Verbose)
          return false;
        MPM.addPass(KcovExtPass(State, Verbose));
        return true;
      });
  PB.registerPipelineStartEPCallback(
      [&PB, State](ModulePassManager &, OptimizationLevel) {
        if (State->OptimizerLastRegistered)
          return;
        State->OptimizerLastRegistered = true;
        PB.registerOptimizerLastEPCallback(
#if LLVM_VERSION_MAJOR >= 20
            [State](ModulePassManager &MPM, OptimizationLevel,
                    ThinOrFullLTOPhase) {
#else
            [State](ModulePassManager &MPM, OptimizationLevel) {
#endif
              MPM.addPass(KcovExtPass(State, false));
            });
      });
}

/// The plugin API version has not changed since LLVM 9, and neighbouring
/// LLVM releases keep many C++ symbols: a plugin built for LLVM 15 can load
/// into clang 14 and then misbehave silently. Shared libLLVM builds version
/// their symbols (LLVM_14, ..., LLVM_19.1, LLVM_23.1); KCOV_EXT_LLVM_SYMVER is the
/// version of the libLLVM this plugin was built against (CMake reads it),
/// so look up a symbol every LLVM has with that version. A statically
/// linked LLVM has no versions and cannot be checked this way.
static void checkHostLLVM() {
#ifdef KCOV_EXT_LLVM_SYMVER
  static const char Probe[] = "_ZN4llvm4errsEv"; // llvm::errs()
  if (dlvsym(RTLD_DEFAULT, Probe, KCOV_EXT_LLVM_SYMVER))
    return;
  if (!dlsym(RTLD_DEFAULT, Probe))
    return; // No libLLVM in the global scope: nothing to compare.
  // Nothing of this LLVM's C++ API can be trusted here: no llvm::errs(),
  // no report_fatal_error(). opt would carry on without a plugin that
  // fails to load, so stop the compiler the way GCC's plugins do.
  std::fprintf(stderr,
               "error: KcovExt.so (kcov_ext) was built for LLVM %d, not for "
               "the LLVM of this compiler (it has no %s symbols); use the "
               "plugin built for its version\n",
               LLVM_VERSION_MAJOR, KCOV_EXT_LLVM_SYMVER);
  std::exit(1);
#endif
}

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
  checkHostLLVM();
  return {LLVM_PLUGIN_API_VERSION, KcovExtPassName, "1.0", registerKcovExt};
}
