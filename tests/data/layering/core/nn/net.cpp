#include "core/nn/net.h"
