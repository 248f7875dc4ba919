// The CLI's commands; each returns the process exit code.
#pragma once
#include "exit_codes.h"

namespace ct::app {

int renderCommand(int argc, char** argv);
int infoCommand(int argc, char** argv);
int generateCityCommand(int argc, char** argv);
int benchCommand(int argc, char** argv);
int analyzeCommand(int argc, char** argv);
int sunCommand(int argc, char** argv);
int publishEnergyCommand(int argc, char** argv);
int viewCommand(int argc, char** argv);

}  // namespace ct::app
