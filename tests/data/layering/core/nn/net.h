#pragma once
#include "core/low/low.h"
