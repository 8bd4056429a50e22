#include "core/high/high.h"
#include <QString>
#include "tests/helper.h"
#include "core/high/missing.h"
