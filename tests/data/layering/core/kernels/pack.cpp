#include <core/nn/net.h>
#include "widgets/view.h"
