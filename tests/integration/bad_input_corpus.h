// The bad-input corpus: malformed files generated from valid ones (and from the shared sample models). Each
// case names the message it must produce; bad_input_test.cpp runs them through the CLI.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace ct::test {

struct BadInputCase {
  std::string name;
  std::filesystem::path file;
  std::string expect;               // a fragment the one error line must contain
  std::filesystem::path cwd;        // run from here (empty: anywhere), with `argument` as the path given
  std::string argument;             // the path as typed on the command line (empty: `file`)
  std::string extraArgs;            // e.g. "--max-memory 64M"
};

// Generated cases (no shared data needed), written under the test-output folder `folder` (one per test: ctest
// runs tests side by side).
std::vector<BadInputCase> generatedCorpus(const std::string& folder);
// Mutations of the Khronos sample models in ../shared/data; empty when it is missing.
std::vector<BadInputCase> sampleMutationCorpus(const std::string& folder);

// Files that load with a warning (exit 0): the warning they must print.
struct WarningCase {
  std::string name;
  std::filesystem::path file;
  std::string expect;
};
std::vector<WarningCase> warningCorpus();

}  // namespace ct::test
