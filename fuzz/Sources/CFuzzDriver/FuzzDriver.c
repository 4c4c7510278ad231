// Declarations only: LLVMFuzzerRunDriver comes from libclang_rt.fuzzer at link time.
#include "FuzzDriver.h"
