// The CLI's commands; each returns the process exit code.
#pragma once

namespace ct::app {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitValidation = 3;

int renderCommand(int argc, char** argv);
int infoCommand(int argc, char** argv);
int generateCityCommand(int argc, char** argv);
int benchCommand(int argc, char** argv);

}  // namespace ct::app
