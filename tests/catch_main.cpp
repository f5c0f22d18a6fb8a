// The only file that knows which Catch2 version runs the suite.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
