#include "app/main_window.h"
#include "core/low/low.h"
