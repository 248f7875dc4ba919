// The bad-input contract end to end: every corpus file (bad_input_corpus.cpp) makes `citytwin render` and
// `citytwin info` exit 2 with exactly one line "error: FILE: <its expected message>" (also under ASan/UBSan),
// within its memory budget; files with recoverable problems load with their warning.
#include <gtest/gtest.h>

#include "bad_input_corpus.h"
#include "test_support.h"

namespace fs = std::filesystem;
namespace t = ct::test;

namespace {

std::string commandFor(const t::BadInputCase& c, const std::string& cmd, const std::string& extra) {
  const std::string arg = c.argument.empty() ? c.file.string() : c.argument;
  std::string line = t::shellQuote(CITYTWIN_CLI) + " " + cmd + " " + t::shellQuote(arg) + " " + extra;
  if (!c.extraArgs.empty()) line += " " + c.extraArgs;
  if (!c.cwd.empty()) line = "cd " + t::shellQuote(c.cwd.string()) + " && " + line;
  return line;
}

// Runs `cmd` on every case and checks exit 2, one line, the file named first and the expected message.
void expectEachExitsTwo(const std::vector<t::BadInputCase>& corpus, const std::string& cmd, const std::string& extra,
                        const std::string& prefix = "") {
  for (const t::BadInputCase& c : corpus) {
    ASSERT_FALSE(c.expect.empty()) << c.name << " names no expected message";
    const auto r = t::run(prefix + commandFor(c, cmd, extra));
    const std::string arg = c.argument.empty() ? c.file.string() : c.argument;
    EXPECT_EQ(r.exitCode, 2) << c.name << " (" << cmd << "): " << r.stderrText;
    EXPECT_EQ(r.stderrText.rfind("error: " + arg + ": ", 0), 0u) << c.name << ": " << r.stderrText;
    EXPECT_EQ(std::count(r.stderrText.begin(), r.stderrText.end(), '\n'), 1) << c.name << ": " << r.stderrText;
    EXPECT_NE(r.stderrText.find(c.expect), std::string::npos)
        << c.name << " (" << cmd << "): expected '" << c.expect << "' in: " << r.stderrText;
  }
}

// The running test's name: each test writes its output in a folder of its own.
std::string cmdTag() { return ::testing::UnitTest::GetInstance()->current_test_info()->name(); }

void expectRenderAndInfoExitTwo(const std::vector<t::BadInputCase>& corpus) {
  const fs::path out = t::tempDir("bad_input_out_" + cmdTag()) / "x.png";
  fs::remove(out);
  expectEachExitsTwo(corpus, "info", "");
  expectEachExitsTwo(corpus, "render", "--out " + t::shellQuote(out.string()));
  EXPECT_FALSE(fs::exists(out)) << "a bad input wrote an image";
}

}  // namespace

TEST(BadInput, GeneratedCorpusExitsTwoWithItsMessage) {
  const auto corpus = t::generatedCorpus("bad_input_generated");
  ASSERT_GE(corpus.size(), 60u);
  std::cout << "generated bad-input corpus: " << corpus.size() << " files\n";
  expectRenderAndInfoExitTwo(corpus);
}

TEST(BadInput, SampleMutationsExitTwoWithTheirMessage) {
  const auto corpus = t::sampleMutationCorpus("bad_input_samples");
  if (corpus.empty()) GTEST_SKIP() << "skipped: shared data missing (mutations of the Khronos samples)";
  std::cout << "sample mutations: " << corpus.size() << " files\n";
  expectRenderAndInfoExitTwo(corpus);
}

// Every case is loaded under a virtual-memory limit well below what its numbers ask for: the budget (checked
// before each allocation sized from the file) must stop it with its message, never std::bad_alloc or a kill.
TEST(BadInput, CorpusStaysWithinItsMemoryBudget) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "skipped: AddressSanitizer reserves terabytes of address space, so no limit can be set";
#else
  auto corpus = t::generatedCorpus("bad_input_budget");
  for (auto& c : t::sampleMutationCorpus("bad_input_budget_samples")) corpus.push_back(c);
  // 1.5 GiB of address space for the process (binary, libraries, the 512 MiB budget and tinygltf's parse).
  expectEachExitsTwo(corpus, "info", "--max-memory 512M", "ulimit -v 1572864 && ");
#endif
}

TEST(BadInput, OversizedImagesAreWarningsAndStillRender) {
  const fs::path out = t::tempDir("bad_input_warn_out") / "x.png";
  for (const t::WarningCase& c : t::warningCorpus()) {
    const std::string file = t::shellQuote(c.file.string());
    auto r = t::run(t::shellQuote(CITYTWIN_CLI) + " render " + file + " --out " + t::shellQuote(out.string()) +
                    " --width 64 --height 48");
    EXPECT_EQ(r.exitCode, 0) << c.name << ": " << r.stderrText;
    EXPECT_NE(r.stderrText.find("warning: " + c.file.string() + ": "), std::string::npos) << r.stderrText;
    EXPECT_NE(r.stderrText.find(c.expect), std::string::npos) << c.name << ": " << r.stderrText;
    EXPECT_TRUE(fs::exists(out)) << c.name;
  }
}
