#pragma once
#include "core/high/high.h"
