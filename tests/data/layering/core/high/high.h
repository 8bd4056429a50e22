#pragma once
#include "core/nn/net.h"
