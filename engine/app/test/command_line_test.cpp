// The shared parser of the commands that render a model: common options, a command's own, and the errors.
#include <gtest/gtest.h>

#include <vector>

#include "../src/command_line.h"

using namespace ct::app;

namespace {

struct Argv {
  explicit Argv(std::vector<std::string> args) : strings(std::move(args)) {
    for (std::string& s : strings) pointers.push_back(s.data());
  }
  int argc() const { return static_cast<int>(pointers.size()); }
  char** argv() { return pointers.data(); }
  std::vector<std::string> strings;
  std::vector<char*> pointers;
};

}  // namespace

TEST(CommandLine, CommonAndOwnOptions) {
  Argv a({"citytwin", "bench", "city.glb", "--width", "640", "--no-batch", "--frames", "7", "--verbose",
          "--device", "1", "--aov", "id"});
  ModelCommandOptions o;
  long frames = 0;
  auto own = [&](const std::string& opt, ArgReader& args) -> std::optional<std::string> {
    if (opt != "--frames") return std::nullopt;
    frames = std::stol(args.value(opt).value());
    return std::string();
  };
  const ParseOutcome r = parseModelCommand(a.argc(), a.argv(), "bench", o, own);
  EXPECT_FALSE(r.help);
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(o.input, "city.glb");
  EXPECT_EQ(o.settings.width, 640u);
  EXPECT_FALSE(o.batch);
  EXPECT_TRUE(o.verbose);
  EXPECT_EQ(o.device, 1);
  EXPECT_EQ(o.settings.aov, ct::render::Aov::Id);
  EXPECT_EQ(frames, 7);
}

TEST(CommandLine, ErrorsNameTheCommand) {
  ModelCommandOptions o;
  Argv unknown({"citytwin", "render", "m.glb", "--frames", "3"});
  EXPECT_EQ(parseModelCommand(unknown.argc(), unknown.argv(), "render", o).error,
            "unknown option '--frames' (see citytwin render --help)");
  ModelCommandOptions o2;
  Argv missing({"citytwin", "bench", "--width", "64"});
  EXPECT_EQ(parseModelCommand(missing.argc(), missing.argv(), "bench", o2).error,
            "missing INPUT (see citytwin bench --help)");
  ModelCommandOptions o3;
  Argv twoInputs({"citytwin", "bench", "a.glb", "b.glb"});
  EXPECT_EQ(parseModelCommand(twoInputs.argc(), twoInputs.argv(), "bench", o3).error, "unexpected argument 'b.glb'");
  ModelCommandOptions o4;
  Argv noValue({"citytwin", "bench", "a.glb", "--width"});
  EXPECT_EQ(parseModelCommand(noValue.argc(), noValue.argv(), "bench", o4).error, "--width needs a value");
  ModelCommandOptions o5;
  Argv help({"citytwin", "bench", "--bogus", "-h"});
  EXPECT_FALSE(parseModelCommand(help.argc(), help.argv(), "bench", o5).error.empty());  // first error wins
  Argv helpFirst({"citytwin", "bench", "-h", "--bogus"});
  EXPECT_TRUE(parseModelCommand(helpFirst.argc(), helpFirst.argv(), "bench", o5).help);
}
