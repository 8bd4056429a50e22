#include "core/high/high.h"
#include "core/nn/net.h"
