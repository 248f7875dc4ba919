// Scenarios (being written).
#include <gtest/gtest.h>
