#include "core/tasks/a/a.h"
