#include "core/nn/net.h"
#include "../app/other.h"
