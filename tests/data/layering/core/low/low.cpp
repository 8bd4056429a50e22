#include "core/low/low.h"
#include "core/high/high.h"
