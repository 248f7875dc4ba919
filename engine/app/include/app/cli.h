// The citytwin command line: `citytwin <command> [options]`. Exit codes: 0 ok, 1 failure, 2 bad input, 3 validation.
#pragma once

namespace ct::app {

int runCli(int argc, char** argv);

}  // namespace ct::app
