// Only a header: the functions live in libFuzzer's runtime.
#include "CLibFuzzer.h"
